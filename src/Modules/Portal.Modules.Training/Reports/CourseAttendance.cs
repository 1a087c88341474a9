namespace Portal.Modules.Training.Reports;

/// <summary>Attendance of one course over the sessions held in a range. Held: completed, or ended and
/// not cancelled. Counts are of enrolled trainees (waitlisted, requested and cancelled do not count);
/// the rate is attended ÷ enrolled, so attendance not recorded counts against it.</summary>
public sealed class CourseAttendance
{
    public long CourseId { get; init; }
    public string Code { get; init; } = "";
    public string TitleZh { get; init; } = "";
    public string TitleEn { get; init; } = "";
    public long Sessions { get; init; }
    public long Enrolled { get; init; }
    public long Attended { get; init; }
    public long Absent { get; init; }

    public int? RatePercent => Enrolled == 0 ? null : (int)Math.Round(100.0 * Attended / Enrolled, MidpointRounding.AwayFromZero);

    public string Title(bool chinese) => chinese ? TitleZh : TitleEn;
}
