namespace Portal.Modules.Training.Certificates;

/// <summary>One row of tr_certificates.</summary>
public sealed class CertificateRow
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public long EnrollmentId { get; init; }
    public long TraineeUserId { get; init; }
    public string TraineeName { get; init; } = "";
    public string TraineeEmail { get; init; } = "";
    public string TraineeLanguage { get; init; } = "zh-CN";
    public long CourseId { get; init; }
    public string CourseTitleZh { get; init; } = "";
    public string CourseTitleEn { get; init; } = "";
    public DateOnly IssuedOn { get; init; }
    public DateOnly ExpiresOn { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokeReason { get; init; }

    public string CourseTitle(bool chinese) => chinese || CourseTitleEn.Length == 0 ? CourseTitleZh : CourseTitleEn;

    /// <summary>valid, expired or revoked on <paramref name="today"/> (the vendor's calendar day).</summary>
    public string Status(DateOnly today) => RevokedAt is not null ? "revoked" : ExpiresOn < today ? "expired" : "valid";
}
