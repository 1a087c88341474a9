using MediatR;

namespace Portal.Modules.Training.Contracts;

/// <summary>Staff recorded that a trainee attended a training session. Written to the outbox in the
/// transaction that records the attendance, once per enrollment (recording it again, or after a
/// correction to absent and back, publishes nothing new). <paramref name="CertificateNumber"/> is the
/// certificate issued for it, or null when the course grants none. <paramref name="ProductCode"/> and
/// <paramref name="Instructor"/> (the session's, as entered) let survey results be broken down. The surveys module answers it.</summary>
public sealed record SessionAttended(long EnrollmentId, long SessionId, long CourseId, string CourseTitleZh, string CourseTitleEn,
    long OrganisationId, long TraineeUserId, string TraineeEmail, string TraineeLanguage, DateTimeOffset StartsAt,
    DateTimeOffset RecordedAt, string? CertificateNumber, string ProductCode = "", string Instructor = "") : INotification;
