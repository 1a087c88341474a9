using Portal.Modules.Feedback.Domain;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>When a month's bulletin is due: the 5th of the next month, or the next working day of the
/// holiday calendar, from the start of that day's working hours (Asia/Shanghai).</summary>
public sealed class BulletinScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static BusinessCalendar Calendar(params (DateOnly Day, HolidayKind Kind)[] days) =>
        new(BusinessHours.Default, days.ToDictionary(d => d.Day, d => d.Kind), Shanghai);

    private static IEnumerable<(DateOnly, HolidayKind)> Off(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return (d, HolidayKind.Holiday);
    }

    [Fact]
    public void AFifthOnAWorkingDayIsTheSendDay() =>
        Assert.Equal(new DateOnly(2026, 11, 5), BulletinSchedule.SendDay(new BulletinMonth(2026, 10), Calendar()));

    [Fact]
    public void AFifthOnASaturdayMovesToTheMonday() =>
        Assert.Equal(new DateOnly(2026, 9, 7), BulletinSchedule.SendDay(new BulletinMonth(2026, 8), Calendar()));

    [Fact]
    public void AFifthInsideAHolidayMovesToTheFirstWorkingDayAfterIt()
    {
        var nationalDay = Calendar([.. Off(new(2026, 10, 1), new(2026, 10, 7)), (new(2026, 10, 10), HolidayKind.Workday)]);

        Assert.Equal(new DateOnly(2026, 10, 8), BulletinSchedule.SendDay(new BulletinMonth(2026, 9), nationalDay));
    }

    [Fact]
    public void AMakeUpWorkingDayCountsAsAWorkingDay()
    {
        var makeUpSaturday = Calendar((new(2026, 12, 5), HolidayKind.Workday));

        Assert.Equal(new DateOnly(2026, 12, 5), BulletinSchedule.SendDay(new BulletinMonth(2026, 11), makeUpSaturday));
    }

    [Fact]
    public void AHolidayEndingOnAFridayMovesPastTheWeekend()
    {
        var longBreak = Calendar([.. Off(new(2026, 5, 1), new(2026, 5, 8))]);

        Assert.Equal(new DateOnly(2026, 5, 11), BulletinSchedule.SendDay(new BulletinMonth(2026, 4), longBreak));
    }

    [Fact]
    public void TheLatestMonthDueChangesAtTheStartOfTheSendDaysWorkingHours()
    {
        var calendar = Calendar();
        static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

        Assert.Equal(new BulletinMonth(2026, 7), BulletinSchedule.LatestDue(At(9, 5, 10), calendar));
        Assert.Equal(new BulletinMonth(2026, 7), BulletinSchedule.LatestDue(At(9, 7, 8, 59), calendar));
        Assert.Equal(new BulletinMonth(2026, 8), BulletinSchedule.LatestDue(At(9, 7, 9), calendar));
        Assert.Equal(new BulletinMonth(2026, 8), BulletinSchedule.LatestDue(At(9, 30, 23), calendar));
        Assert.Equal(new BulletinMonth(2026, 11), BulletinSchedule.LatestDue(At(12, 31, 23), calendar));
    }

    [Theory]
    [InlineData("2026-03", true)]
    [InlineData("2026-3", false)]
    [InlineData("2026-13", false)]
    [InlineData("1999-12", false)]
    [InlineData("2026-03-01", false)]
    [InlineData("march", false)]
    public void OnlyYyyyMmIsAMonth(string text, bool valid) => Assert.Equal(valid, BulletinMonth.TryParse(text, out _));
}
