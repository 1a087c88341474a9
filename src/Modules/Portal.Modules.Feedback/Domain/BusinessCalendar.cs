namespace Portal.Modules.Feedback.Domain;

/// <summary>Service time in business hours (5×8) or clock hours (7×24). A day's working periods
/// are wall-clock times in the vendor's time zone: a public holiday has none, a make-up working
/// day (调休) has the ordinary ones, any other day has them when its day of the week is a working
/// day. Instants are converted through the zone (never assuming its offset), so the periods keep
/// their local times across a daylight-saving change.</summary>
internal sealed class BusinessCalendar(BusinessHours hours, IReadOnlyDictionary<DateOnly, HolidayKind> days, TimeZoneInfo zone)
{
    /// <summary>How far ahead to look for working hours before concluding there are none.</summary>
    private const int SearchDays = 3660;

    public BusinessHours Hours => hours;

    public TimeZoneInfo Zone => zone;

    public bool IsWorkingDay(DateOnly day) =>
        days.TryGetValue(day, out var kind) ? kind == HolidayKind.Workday : hours.Days.Contains(day.DayOfWeek);

    /// <summary><paramref name="day"/> when it is a working day, else the next working day.</summary>
    public DateOnly NextWorkingDay(DateOnly day)
    {
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(1))
        {
            if (IsWorkingDay(day)) return day;
        }
        throw NoWorkingHours();
    }

    /// <summary>The vendor-zone calendar day of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The instant at which <paramref name="serviceTime"/> of service time has passed since
    /// <paramref name="start"/>. In business hours a target that runs out exactly at the end of a
    /// period is due then (18:00), not at the start of the next one.</summary>
    public DateTimeOffset Due(DateTimeOffset start, TimeSpan serviceTime, bool businessHours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serviceTime, TimeSpan.Zero);
        if (!businessHours || serviceTime == TimeSpan.Zero) return (start + serviceTime).ToUniversalTime();
        var remaining = serviceTime;
        var day = DayOf(start);
        for (var empty = 0; empty < SearchDays; day = day.AddDays(1))
        {
            var any = false;
            foreach (var (from, to) in Periods(day))
            {
                any = true;
                if (to <= start) continue;
                var begin = from > start ? from : start;
                if (remaining <= to - begin) return (begin + remaining).ToUniversalTime();
                remaining -= to - begin;
            }
            empty = any ? 0 : empty + 1;
        }
        throw NoWorkingHours();
    }

    /// <summary>Service time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, bool businessHours)
    {
        if (to <= from) return TimeSpan.Zero;
        if (!businessHours) return to - from;
        var total = TimeSpan.Zero;
        for (var day = DayOf(from); day <= DayOf(to); day = day.AddDays(1))
        {
            foreach (var (start, end) in Periods(day))
            {
                var begin = start > from ? start : from;
                var finish = end < to ? end : to;
                if (finish > begin) total += finish - begin;
            }
        }
        return total;
    }

    /// <summary>The working periods of a day as instants.</summary>
    public IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Periods(DateOnly day)
    {
        if (!IsWorkingDay(day)) yield break;
        foreach (var period in hours.Periods) yield return (Instant(day, period.Start), Instant(day, period.End));
    }

    /// <summary>The instant of a wall-clock time of a day in the zone. A time skipped by a
    /// daylight-saving change counts from the standard offset (just after the gap); a repeated one
    /// is taken with the standard offset (the later of the two).</summary>
    private DateTimeOffset Instant(DateOnly day, TimeSpan timeOfDay)
    {
        var local = day.ToDateTime(TimeOnly.MinValue) + timeOfDay;
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static InvalidOperationException NoWorkingHours() =>
        new("The business calendar has no working hours in the next ten years: check Feedback:WorkingHours and the holiday calendar.");
}
