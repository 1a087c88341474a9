namespace Portal.Modules.Training.Reports;

/// <summary>One trainee of a session's roster; <see cref="Attendance"/> is attended, absent or null (not recorded).</summary>
public sealed class RosterLine
{
    public long EnrollmentId { get; init; }
    public long OrganisationId { get; init; }
    public string TraineeName { get; init; } = "";
    public string TraineeEmail { get; init; } = "";
    public string State { get; init; } = "";
    public string Billing { get; init; } = "";
    public string? Attendance { get; init; }
    public long? WaitlistPosition { get; init; }
    public string Organisation { get; set; } = "";
}
