using Portal.Modules.ServiceContracts.Reminders;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class ExpiryRemindersTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly End = new(2026, 12, 31);

    [Theory]
    [InlineData("2026-11-01", null)]        // 61 days left (today counts: 1 on the last day)
    [InlineData("2026-11-02", "d60")]       // 60 days left
    [InlineData("2026-12-01", "d60")]       // 31 days left
    [InlineData("2026-12-02", "d30")]       // 30 days left
    [InlineData("2026-12-24", "d30")]       // 8 days left
    [InlineData("2026-12-25", "d7")]        // 7 days left
    [InlineData("2026-12-31", "d7")]        // the last covered day
    [InlineData("2027-01-01", "ended")]     // the day after
    [InlineData("2027-01-30", "ended")]     // 30 days after
    [InlineData("2027-01-31", null)]        // too long ago for a notice
    public void The_nearest_stage_is_due(string today, string? expected)
    {
        var due = ExpiryReminders.Due(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), Start, End);
        Assert.Equal(expected, due is { } d ? ExpiryReminders.Code(d) : null);
    }

    [Fact]
    public void A_period_that_has_not_started_gets_nothing() =>
        Assert.Null(ExpiryReminders.Due(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 20)));
}
