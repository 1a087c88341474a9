namespace Portal.Modules.Training.Enrollments;

/// <summary>What the enrollment page shows about a session, and what the checks need.</summary>
public sealed class SessionSummary
{
    public long Id { get; init; }
    public string TitleZh { get; init; } = "";
    public string TitleEn { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public DateTimeOffset EnrollUntil { get; init; }
    public string Place { get; init; } = "";
    public string OnlineUrl { get; init; } = "";
    public string Instructor { get; init; } = "";
    public int Capacity { get; init; }
    public string Status { get; init; } = "";
    public int Sequence { get; init; }
    public long Enrolled { get; init; }

    public string Title(System.Globalization.CultureInfo culture) =>
        culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? TitleEn : TitleZh;
}
