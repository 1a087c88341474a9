using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Calendar;

/// <summary>A row of fb_holidays.</summary>
public sealed class HolidayRow
{
    public const string Columns = "day AS Day, kind AS Kind, name AS Name, updated_at AS UpdatedAt, updated_by AS UpdatedBy";

    public DateOnly Day { get; set; }

    /// <summary>"holiday" or "workday".</summary>
    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public long? UpdatedBy { get; set; }

    public bool IsWorkday => Kind == "workday";

    internal HolidayDay ToDay() => new(Day, HolidayKinds.Parse(Kind) ?? HolidayKind.Holiday, Name);
}
