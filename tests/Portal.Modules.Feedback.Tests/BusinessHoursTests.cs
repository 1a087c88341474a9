using Portal.Modules.Feedback.Domain;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The business-hours calculator (5×8 vs 7×24) with the 2026 holiday calendar, in the
/// vendor's zone Asia/Shanghai (UTC+8): instants go in and come out as UTC, so nothing here works
/// unless the zone's offset is applied.</summary>
public sealed class BusinessHoursTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeSpan Severity2Response = TimeSpan.FromHours(4);

    /// <summary>The 2026 arrangement around the Mid-Autumn Festival and National Day.</summary>
    private static readonly Dictionary<DateOnly, HolidayKind> Autumn2026 = new()
    {
        [new(2026, 9, 20)] = HolidayKind.Workday,
        [new(2026, 9, 25)] = HolidayKind.Holiday,
        [new(2026, 10, 1)] = HolidayKind.Holiday, [new(2026, 10, 2)] = HolidayKind.Holiday, [new(2026, 10, 3)] = HolidayKind.Holiday,
        [new(2026, 10, 4)] = HolidayKind.Holiday, [new(2026, 10, 5)] = HolidayKind.Holiday, [new(2026, 10, 6)] = HolidayKind.Holiday,
        [new(2026, 10, 7)] = HolidayKind.Holiday,
        [new(2026, 10, 10)] = HolidayKind.Workday,
    };

    private static BusinessCalendar Calendar(IReadOnlyDictionary<DateOnly, HolidayKind>? days = null, TimeZoneInfo? zone = null) =>
        new(BusinessHours.Default, days ?? Autumn2026, zone ?? Shanghai);

    /// <summary>A wall-clock time in Shanghai.</summary>
    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Severity2At1630OnTheLastWorkingDayBeforeNationalDayIsDueAfterTheHolidayIn5x8()
    {
        var start = new DateTimeOffset(2026, 9, 30, 8, 30, 0, TimeSpan.Zero); // Wednesday 16:30 in Shanghai

        var due = Calendar().Due(start, Severity2Response, businessHours: true);

        // 16:30-18:00 on 30 September, then 09:00-11:30 on Thursday 8 October, the first working day after 1-7 October.
        Assert.Equal(At(10, 8, 11, 30), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(Severity2Response, Calendar().Elapsed(start, due, businessHours: true));
    }

    [Fact]
    public void Severity2At1630OnTheLastWorkingDayBeforeNationalDayIsDueTheSameEveningIn7x24()
    {
        var start = At(9, 30, 16, 30);

        var due = Calendar().Due(start, Severity2Response, businessHours: false);

        Assert.Equal(At(9, 30, 20, 30), due);
        Assert.Equal(TimeSpan.FromHours(4), Calendar().Elapsed(start, due, businessHours: false));
    }

    [Fact]
    public void AMakeUpSaturdayCountsAsAWorkingDay()
    {
        var friday = At(10, 9, 16);

        Assert.Equal(At(10, 10, 11), Calendar().Due(friday, Severity2Response, businessHours: true));
        Assert.Equal(At(10, 12, 11), Calendar(new Dictionary<DateOnly, HolidayKind>()).Due(friday, Severity2Response, businessHours: true));
        Assert.True(Calendar().IsWorkingDay(new DateOnly(2026, 10, 10)));
    }

    [Fact]
    public void AMakeUpSundayCountsFromItsFirstHour()
    {
        var saturday = At(9, 19, 10);

        Assert.Equal(At(9, 20, 11), Calendar().Due(saturday, TimeSpan.FromHours(2), businessHours: true));
        Assert.Equal(TimeSpan.FromHours(8), Calendar().Elapsed(At(9, 19, 0), At(9, 21, 0), businessHours: true));
    }

    [Fact]
    public void AHolidayOnAWeekdayHasNoWorkingHours()
    {
        // Friday 25 September (Mid-Autumn Festival) is off: Thursday 17:00 + 2 h runs into Monday.
        Assert.Equal(At(9, 28, 10), Calendar().Due(At(9, 24, 17), TimeSpan.FromHours(2), businessHours: true));
        Assert.False(Calendar().IsWorkingDay(new DateOnly(2026, 9, 25)));
    }

    [Fact]
    public void ElapsedAcrossAWeekendCountsOnlyWorkingHours()
    {
        var friday = At(11, 6, 17);
        var monday = At(11, 9, 10);

        Assert.Equal(TimeSpan.FromHours(2), Calendar().Elapsed(friday, monday, businessHours: true));
        Assert.Equal(TimeSpan.FromHours(65), Calendar().Elapsed(friday, monday, businessHours: false));
    }

    [Fact]
    public void APauseAcrossAWeekendMovesTheDueTimeByTheWorkingHoursItCovered()
    {
        var calendar = Calendar();
        var submitted = At(11, 6, 14);                         // Friday 14:00, 8 business hours to resolve
        var target = TimeSpan.FromHours(8);
        var waiting = At(11, 6, 16);                           // waits on the customer from Friday 16:00
        var answered = At(11, 9, 10);                          // the customer answers on Monday 10:00

        var used = calendar.Elapsed(submitted, waiting, businessHours: true);
        var due = calendar.Due(answered, target - used, businessHours: true);

        Assert.Equal(TimeSpan.FromHours(2), used);
        Assert.Equal(At(11, 9, 17), due);                      // 10-12 and 13-17 on Monday
        Assert.Equal(At(11, 9, 14), calendar.Due(submitted, target, businessHours: true)); // without the pause: 14-18, 09-12, 13-14
    }

    [Theory]
    [InlineData(7, 0, 4, 14, 0)]    // before the day starts: 09-12, then 13-14
    [InlineData(12, 30, 1, 14, 0)]  // at lunch: counts from 13:00
    [InlineData(12, 0, 3, 16, 0)]   // at the end of the morning
    [InlineData(11, 0, 1, 12, 0)]   // running out exactly at the end of a period: due then, not at 13:00
    [InlineData(18, 0, 1, 10, 0)]   // at the end of the day: next morning (Tuesday 3 November)
    [InlineData(23, 30, 1, 10, 0)]  // late evening: next morning
    public void StartingOutsideWorkingHoursCountsFromTheNextPeriod(int hour, int minute, int hours, int dueHour, int dueMinute)
    {
        var monday = At(11, 2, hour, minute);
        var dueDay = hour >= 18 ? 3 : 2;

        Assert.Equal(At(11, dueDay, dueHour, dueMinute), Calendar().Due(monday, TimeSpan.FromHours(hours), businessHours: true));
    }

    [Fact]
    public void StartingOnAFridayEveningIsDueOnMonday() =>
        Assert.Equal(At(11, 9, 10), Calendar().Due(At(11, 6, 20), TimeSpan.FromHours(1), businessHours: true));

    [Fact]
    public void TargetsSpanningSeveralDays()
    {
        // 24 business hours from Monday 10:00: 7 + 8 + 8, then 1 h on Thursday.
        Assert.Equal(At(11, 5, 10), Calendar().Due(At(11, 2, 10), TimeSpan.FromHours(24), businessHours: true));
        // 72 business hours (nine working days) from 30 September, across National Day and its make-up Saturday.
        var due = Calendar().Due(At(9, 30, 9), TimeSpan.FromHours(72), businessHours: true);
        Assert.Equal(At(10, 16, 18), due);
        Assert.Equal(TimeSpan.FromHours(72), Calendar().Elapsed(At(9, 30, 9), due, businessHours: true));
        // 7×24: three clock days.
        Assert.Equal(At(10, 3, 9), Calendar().Due(At(9, 30, 9), TimeSpan.FromHours(72), businessHours: false));
    }

    [Fact]
    public void ZeroServiceTimeIsDueAtOnceAndElapsedNeverGoesNegative()
    {
        var start = At(10, 3, 10);

        Assert.Equal(start, Calendar().Due(start, TimeSpan.Zero, businessHours: true));
        Assert.Equal(TimeSpan.Zero, Calendar().Elapsed(At(11, 2, 11), At(11, 2, 10), businessHours: true));
        Assert.Equal(TimeSpan.Zero, Calendar().Elapsed(At(11, 2, 11), At(11, 2, 10), businessHours: false));
        Assert.Equal(TimeSpan.Zero, Calendar().Elapsed(At(10, 1, 0), At(10, 8, 0), businessHours: true));
    }

    [Fact]
    public void TheLocalDayComesFromTheZoneNotFromUtc()
    {
        // 02:00 UTC on Tuesday 3 November is Monday 21:00 in a UTC-5 zone: outside hours, so the
        // target counts from Tuesday 09:00 there (14:00 UTC).
        var minus5 = TimeZoneInfo.CreateCustomTimeZone("Test-5", TimeSpan.FromHours(-5), "Test-5", "Test-5");
        var calendar = Calendar(new Dictionary<DateOnly, HolidayKind>(), minus5);
        var start = new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero), calendar.Due(start, TimeSpan.FromHours(1), businessHours: true));
        Assert.Equal(new DateOnly(2026, 11, 2), calendar.DayOf(start));
        // The same instant in Shanghai is Tuesday 10:00, inside working hours.
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 3, 0, 0, TimeSpan.Zero), Calendar().Due(start, TimeSpan.FromHours(1), businessHours: true));
    }

    [Fact]
    public void WorkingHoursKeepTheirWallClockTimesAcrossADaylightSavingChange()
    {
        // Not the vendor's zone, but nothing may assume one: Berlin leaves summer time on Sunday 25 October 2026.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var calendar = Calendar(new Dictionary<DateOnly, HolidayKind>(), berlin);
        var friday = new DateTimeOffset(2026, 10, 23, 17, 0, 0, TimeSpan.FromHours(2));

        var due = calendar.Due(friday, TimeSpan.FromHours(2), businessHours: true);

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 10, 0, 0, TimeSpan.FromHours(1)), due);
        Assert.Equal(TimeSpan.FromHours(2), calendar.Elapsed(friday, due, businessHours: true));
        Assert.Equal(TimeSpan.FromHours(66), calendar.Elapsed(friday, due, businessHours: false));
    }

    [Fact]
    public void NextWorkingDaySkipsWeekendsAndHolidaysAndTakesMakeUpDays()
    {
        var calendar = Calendar();

        Assert.Equal(new DateOnly(2026, 10, 8), calendar.NextWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.Equal(new DateOnly(2026, 10, 10), calendar.NextWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.Equal(new DateOnly(2026, 11, 9), calendar.NextWorkingDay(new DateOnly(2026, 11, 7)));
    }

    [Fact]
    public void ConfiguredHoursAreUsed()
    {
        Assert.True(BusinessHours.TryParse("Mon-Sat", "08:30-12:00, 13:30-17:30", out var hours, out var error), error);
        var calendar = new BusinessCalendar(hours, new Dictionary<DateOnly, HolidayKind>(), Shanghai);

        Assert.Equal(TimeSpan.FromHours(7.5), hours.PerDay);
        // Saturday is a working day now: Friday 17:00 + 1 h = Saturday 09:00.
        Assert.Equal(At(11, 7, 9), calendar.Due(At(11, 6, 17), TimeSpan.FromHours(1), businessHours: true));
        Assert.Equal(At(11, 2, 14), calendar.Due(At(11, 2, 12), TimeSpan.FromHours(0.5), businessHours: true));
    }

    [Theory]
    [InlineData("Monday-Friday", "09:00-12:00,13:00-18:00", "")]
    [InlineData("Fri-Mon", "00:00-24:00", "")]
    [InlineData("", "09:00-18:00", "at least one day of the week must be a working day")]
    [InlineData("Funday", "09:00-18:00", "'Funday' is not a day of the week or a range of them like Monday-Friday")]
    [InlineData("Mon", "", "a working day needs at least one period of working hours")]
    [InlineData("Mon", "9-12", "'9-12' is not a period of the day like 09:00-12:00")]
    [InlineData("Mon", "12:00-09:00", "the period 12:00-09:00 must start before it ends, within 00:00-24:00")]
    [InlineData("Mon", "09:00-12:00,11:00-13:00", "the periods 09:00-12:00 and 11:00-13:00 overlap")]
    public void WorkingHoursConfigurationIsChecked(string days, string periods, string expected)
    {
        var ok = BusinessHours.TryParse(days, periods, out var hours, out var error);

        Assert.Equal(expected, error);
        Assert.Equal(expected.Length == 0, ok);
        if (days == "Fri-Mon") Assert.Equal(4, hours.Days.Count);
    }

    [Fact]
    public void ACalendarWithoutWorkingHoursFailsInsteadOfLoopingForever()
    {
        var allOff = Enumerable.Range(0, 4000).Select(i => new DateOnly(2026, 1, 1).AddDays(i)).ToDictionary(d => d, _ => HolidayKind.Holiday);

        Assert.Throws<InvalidOperationException>(() => Calendar(allOff).Due(At(11, 2, 10), TimeSpan.FromHours(1), businessHours: true));
    }
}
