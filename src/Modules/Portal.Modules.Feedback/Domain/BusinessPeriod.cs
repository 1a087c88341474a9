namespace Portal.Modules.Feedback.Domain;

/// <summary>Working hours within one day, as times of day in the vendor's time zone;
/// <see cref="End"/> may be 24:00.</summary>
internal sealed record BusinessPeriod(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Length => End - Start;

    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    private static string Format(TimeSpan t) => $"{(int)t.TotalHours:00}:{t.Minutes:00}";
}
