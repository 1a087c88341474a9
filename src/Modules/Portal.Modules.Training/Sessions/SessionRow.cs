namespace Portal.Modules.Training.Sessions;

/// <summary>A row of tr_sessions with its course's facts for the calendar.</summary>
public sealed class SessionRow
{
    public long Id { get; init; }
    public long CourseId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Place { get; init; } = "";
    public string OnlineUrl { get; init; } = "";
    public string Instructor { get; init; } = "";
    public int Capacity { get; init; }
    public DateTimeOffset EnrollUntil { get; init; }
    public string Status { get; init; } = "";
    public int Sequence { get; init; }
    public string CourseCode { get; init; } = "";
    public string TitleZh { get; init; } = "";
    public string TitleEn { get; init; } = "";
    public string ProductCode { get; init; } = "";
    public string Audience { get; init; } = "";
    public string Level { get; init; } = "";
    public string Mode { get; init; } = "";

    public string Title(bool chinese) => chinese ? TitleZh : TitleEn;
}
