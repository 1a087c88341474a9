using System.Globalization;

namespace Portal.Modules.Feedback.Domain;

/// <summary>The vendor's working week: which days of the week are working days and the working
/// periods of such a day (also used on a make-up working day).</summary>
internal sealed class BusinessHours
{
    public BusinessHours(IEnumerable<DayOfWeek> days, IEnumerable<BusinessPeriod> periods)
    {
        Days = days.ToHashSet();
        Periods = [.. periods.OrderBy(p => p.Start)];
        if (Problem(Days, Periods) is { } problem) throw new ArgumentException(problem);
    }

    /// <summary>09:00–12:00 and 13:00–18:00, Monday to Friday.</summary>
    public static BusinessHours Default { get; } = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        [new(TimeSpan.FromHours(9), TimeSpan.FromHours(12)), new(TimeSpan.FromHours(13), TimeSpan.FromHours(18))]);

    public IReadOnlySet<DayOfWeek> Days { get; }

    public IReadOnlyList<BusinessPeriod> Periods { get; }

    /// <summary>Working time of one working day (8 h by default).</summary>
    public TimeSpan PerDay => Periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Length);

    /// <summary>Reads the configuration form: <paramref name="days"/> like "Monday-Friday" or
    /// "Mon,Tue,Sat", <paramref name="periods"/> like "09:00-12:00, 13:00-18:00".</summary>
    public static bool TryParse(string? days, string? periods, out BusinessHours hours, out string error)
    {
        hours = Default;
        var dayList = new List<DayOfWeek>();
        foreach (var part in (days ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is 0 or > 2 || range.Any(r => ParseDay(r) is null))
            {
                error = $"'{part}' is not a day of the week or a range of them like Monday-Friday";
                return false;
            }
            var (from, to) = (ParseDay(range[0])!.Value, ParseDay(range[^1])!.Value);
            for (var d = from; ; d = (DayOfWeek)(((int)d + 1) % 7))
            {
                dayList.Add(d);
                if (d == to) break;
            }
        }
        var periodList = new List<BusinessPeriod>();
        foreach (var part in (periods ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length != 2 || ParseTime(range[0]) is not { } start || ParseTime(range[1]) is not { } end)
            {
                error = $"'{part}' is not a period of the day like 09:00-12:00";
                return false;
            }
            periodList.Add(new BusinessPeriod(start, end));
        }
        periodList.Sort((a, b) => a.Start.CompareTo(b.Start));
        if (Problem(dayList.ToHashSet(), periodList) is { } problem)
        {
            error = problem;
            return false;
        }
        hours = new BusinessHours(dayList, periodList);
        error = "";
        return true;
    }

    private static string? Problem(IReadOnlySet<DayOfWeek> days, IReadOnlyList<BusinessPeriod> periods)
    {
        if (days.Count == 0) return "at least one day of the week must be a working day";
        if (periods.Count == 0) return "a working day needs at least one period of working hours";
        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            if (p.Start < TimeSpan.Zero || p.End > TimeSpan.FromDays(1) || p.End <= p.Start)
                return $"the period {p} must start before it ends, within 00:00-24:00";
            if (i > 0 && p.Start < periods[i - 1].End) return $"the periods {periods[i - 1]} and {p} overlap";
        }
        return null;
    }

    private static DayOfWeek? ParseDay(string text)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var name = day.ToString();
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase) || text.Equals(name[..3], StringComparison.OrdinalIgnoreCase)) return day;
        }
        return null;
    }

    private static TimeSpan? ParseTime(string text)
    {
        if (text == "24:00") return TimeSpan.FromDays(1);
        return TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.ToTimeSpan() : null;
    }
}
