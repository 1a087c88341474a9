namespace Portal.Modules.Feedback.Domain;

/// <summary>When the monthly bulletin goes out: a month's bulletin on the 5th of the following month,
/// or on the next working day when the 5th is not one (a weekend or public holiday; a make-up
/// working day (调休) counts as one), from the start of that day's working hours. After downtime
/// only the latest month due is sent, never a backlog of older ones.</summary>
internal static class BulletinSchedule
{
    public const int DayOfMonth = 5;

    /// <summary>The day <paramref name="month"/>'s bulletin is sent.</summary>
    public static DateOnly SendDay(BulletinMonth month, BusinessCalendar calendar) =>
        calendar.NextWorkingDay(month.Next.First.AddDays(DayOfMonth - 1));

    /// <summary>The instant <paramref name="month"/>'s bulletin becomes due: the start of the send day's working hours.</summary>
    public static DateTimeOffset SendAt(BulletinMonth month, BusinessCalendar calendar) =>
        calendar.Periods(SendDay(month, calendar)).First().From;

    /// <summary>The latest month whose bulletin is due at <paramref name="now"/>: the previous month once its
    /// send time has come, else the month before it.</summary>
    public static BulletinMonth LatestDue(DateTimeOffset now, BusinessCalendar calendar)
    {
        var previous = BulletinMonth.Of(calendar.DayOf(now)).Previous;
        return now >= SendAt(previous, calendar) ? previous : previous.Previous;
    }

    /// <summary>The latest month that has ended at <paramref name="now"/> (a bulletin page may show it, sent or not).</summary>
    public static BulletinMonth LatestEnded(DateTimeOffset now, BusinessCalendar calendar) => BulletinMonth.Of(calendar.DayOf(now)).Previous;
}
