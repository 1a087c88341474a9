using System.Globalization;
using Portal.Modules.ServiceContracts.Periods;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class ContractRulesTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static ServicePeriod Period(string starts, int months = 12, bool cancelled = false, long id = 1) => new()
    {
        Id = id, StartsOn = D(starts), Months = months, EndsOn = ContractRules.EndsOn(D(starts), months), TrainingsPerYear = 2,
        CancelledAt = cancelled ? DateTimeOffset.UnixEpoch : null,
    };

    [Theory]
    [InlineData("2026-01-01", 12, "2026-12-31")]
    [InlineData("2026-03-01", 12, "2027-02-28")]
    [InlineData("2027-03-01", 12, "2028-02-29")]
    [InlineData("2026-01-31", 1, "2026-02-27")]
    [InlineData("2026-06-15", 24, "2028-06-14")]
    public void A_period_ends_the_day_before_the_same_date_months_later(string starts, int months, string ends) =>
        Assert.Equal(D(ends), ContractRules.EndsOn(D(starts), months));

    [Theory]
    [InlineData("2025-12-31", false, "Upcoming")]
    [InlineData("2026-01-01", false, "Active")]
    [InlineData("2026-11-01", false, "Active")]    // 61 days left
    [InlineData("2026-11-02", false, "Expiring")]  // 60 days left
    [InlineData("2026-12-31", false, "Expiring")]  // last day
    [InlineData("2027-01-01", false, "Expired")]
    [InlineData("2026-06-01", true, "Cancelled")]
    [InlineData("2025-06-01", true, "Cancelled")]
    public void Status_is_derived_from_the_day(string today, bool cancelled, string status) =>
        Assert.Equal(status, ContractRules.Status(Period("2026-01-01", cancelled: cancelled), D(today)).ToString());

    [Theory]
    [InlineData("2026-11-02", 60)]
    [InlineData("2026-12-31", 1)]
    [InlineData("2027-01-01", 0)]
    public void Days_left_count_today(string today, int left) => Assert.Equal(left, ContractRules.DaysLeft(D("2026-12-31"), D(today)));

    [Theory]
    [InlineData("2026-12-31T15:59:00Z", "2026-12-31")]
    [InlineData("2026-12-31T16:00:00Z", "2027-01-01")]
    [InlineData("2026-12-31T16:01:00Z", "2027-01-01")]
    public void A_moment_falls_on_a_day_of_the_vendor_time_zone(string at, string day) =>
        Assert.Equal(D(day), ContractRules.DayOf(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    [Fact]
    public void A_renewal_starts_the_day_after_the_latest_period_ignoring_cancelled_ones()
    {
        var periods = new[] { Period("2025-01-01", id: 1), Period("2026-01-01", id: 2), Period("2027-01-01", cancelled: true, id: 3) };
        Assert.Equal(D("2027-01-01"), ContractRules.RenewalStart(periods));
        Assert.Equal(D("2026-01-01"), ContractRules.RenewalStart(periods, exceptId: 2));
        Assert.Null(ContractRules.RenewalStart([]));
    }

    [Theory]
    [InlineData("2026-12-31", "2027-01-30", true)]
    [InlineData("2027-01-01", "2027-01-30", false)]
    [InlineData("2025-01-01", "2025-12-31", false)]
    [InlineData("2025-01-01", "2026-01-01", true)]
    [InlineData("2026-03-01", "2026-04-01", true)]
    public void Overlap_is_any_shared_day_with_a_non_cancelled_period(string starts, string ends, bool overlaps)
    {
        var periods = new[] { Period("2026-01-01", id: 1), Period("2025-06-01", cancelled: true, id: 2) };
        Assert.Equal(overlaps, ContractRules.Overlapping(periods, D(starts), D(ends)).Count > 0);
        Assert.Empty(ContractRules.Overlapping(periods, D(starts), D(ends), exceptId: 1));
    }

    [Fact]
    public void Gaps_between_periods_are_listed()
    {
        var periods = new[] { Period("2024-01-01", id: 1), Period("2025-01-01", id: 2), Period("2026-03-01", id: 3), Period("2025-02-01", cancelled: true, id: 4) };
        var gap = Assert.Single(ContractRules.Gaps(periods));
        Assert.Equal(2, gap.Before.Id);
        Assert.Equal(D("2026-01-01"), gap.From);
        Assert.Equal(D("2026-02-28"), gap.To);
    }

    [Theory]
    [InlineData("2026-03-15", "2026-03-15", "2027-03-14")]
    [InlineData("2027-03-14", "2026-03-15", "2027-03-14")]
    [InlineData("2027-03-15", "2027-03-15", "2028-03-14")]
    [InlineData("2028-09-14", "2028-03-15", "2028-09-14")] // the last year ends with the period
    public void Contract_years_run_from_the_start_in_steps_of_twelve_months(string day, string yearStart, string yearEnd)
    {
        var year = ContractRules.ContractYear(Period("2026-03-15", months: 30), D(day));
        Assert.Equal((D(yearStart), D(yearEnd)), year);
    }
}
