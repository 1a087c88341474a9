namespace Portal.Modules.Training.Enrollments;

/// <summary>One row of tr_enrollments with its session's times and course titles.</summary>
public sealed class EnrollmentRow
{
    public long Id { get; init; }
    public long SessionId { get; init; }
    public long OrganisationId { get; init; }
    public long TraineeUserId { get; init; }
    public string TraineeName { get; init; } = "";
    public string TraineeEmail { get; init; } = "";
    public string TraineeLanguage { get; init; } = "zh-CN";
    public long EnrolledBy { get; init; }
    public string State { get; init; } = "";
    public string Billing { get; init; } = "";
    public long? WaitlistPosition { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string TitleZh { get; init; } = "";
    public string TitleEn { get; init; } = "";
    public string Place { get; init; } = "";
    public string OnlineUrl { get; init; } = "";
    public int Sequence { get; init; }

    /// <summary>The session's status: scheduled, cancelled or completed.</summary>
    public string SessionStatus { get; init; } = "scheduled";

    /// <summary>Recorded by staff after the session: attended or absent; null until then.</summary>
    public string? Attendance { get; init; }

    /// <summary>Place in the waitlist (1 = next to get a seat); set only by <see cref="EnrollmentWorkflow.OfTraineeAsync"/>.</summary>
    public int? WaitlistPlace { get; init; }
}
