using Portal.Modules.ServiceContracts.Periods;

namespace Portal.Modules.ServiceContracts.Reminders;

/// <summary>The reminders a service period gets: 60, 30 and 7 days before its last covered day,
/// and one notice once it has ended.</summary>
internal enum ExpiryReminder
{
    Days60,
    Days30,
    Days7,
    Ended,
}

/// <summary>Which reminder is due on a day. Only the nearest stage is ever due: a sweep that did
/// not run on the exact day (the node was down, the period was entered late) sends that one stage,
/// never the ones it missed, so nobody gets "60 days left" and "7 days left" on the same morning.
/// Days left count today (<see cref="ContractRules.DaysLeft"/>: 1 on the last covered day), as the
/// My service page shows them. Each stage is due for a window of days (60–31, 30–8, 7–1 days left;
/// 1–30 days after the end), so a missed day is caught up on the next run inside its window.</summary>
internal static class ExpiryReminders
{
    /// <summary>The "has ended" notice goes out at most this many days after the last covered day;
    /// periods that ended longer ago (e.g. before reminders existed) get nothing.</summary>
    public const int EndedNoticeDays = 30;

    public const int FirstReminderDays = 60;

    /// <summary>The reminder due on <paramref name="today"/> (a day in the vendor's time zone) for a
    /// period covering <paramref name="startsOn"/> through <paramref name="endsOn"/>, or null.
    /// A period that has not started yet gets no reminder.</summary>
    public static ExpiryReminder? Due(DateOnly today, DateOnly startsOn, DateOnly endsOn)
    {
        if (today < startsOn) return null;
        if (today > endsOn) return today.DayNumber - endsOn.DayNumber <= EndedNoticeDays ? ExpiryReminder.Ended : null;
        return ContractRules.DaysLeft(endsOn, today) switch
        {
            <= 7 => ExpiryReminder.Days7,
            <= 30 => ExpiryReminder.Days30,
            <= FirstReminderDays => ExpiryReminder.Days60,
            _ => null,
        };
    }

    /// <summary>The value stored in sc_reminders.reminder and used in dedup keys.</summary>
    public static string Code(ExpiryReminder reminder) => reminder switch
    {
        ExpiryReminder.Days60 => "d60",
        ExpiryReminder.Days30 => "d30",
        ExpiryReminder.Days7 => "d7",
        _ => "ended",
    };

    /// <summary>The earliest and latest last covered day a period can have to get a reminder today.</summary>
    public static (DateOnly EarliestEnd, DateOnly LatestEnd) Window(DateOnly today) =>
        (today.AddDays(-EndedNoticeDays), today.AddDays(FirstReminderDays - 1));
}
