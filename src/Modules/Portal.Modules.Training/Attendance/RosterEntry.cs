namespace Portal.Modules.Training.Attendance;

/// <summary>An enrolled trainee of a session with the attendance recorded so far (null: not yet).</summary>
public sealed class RosterEntry
{
    public long EnrollmentId { get; init; }
    public long OrganisationId { get; init; }
    public string TraineeName { get; init; } = "";
    public string TraineeEmail { get; init; } = "";
    public string? Attendance { get; init; }
    public string? CertificateNumber { get; init; }
}
