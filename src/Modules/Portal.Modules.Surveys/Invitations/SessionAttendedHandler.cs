using MediatR;
using Portal.Modules.Training.Contracts;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>An attended training session invites the trainee to the training survey, once per enrollment.</summary>
internal sealed class SessionAttendedHandler(InvitationStore store) : INotificationHandler<SessionAttended>
{
    public Task Handle(SessionAttended attended, CancellationToken ct) =>
        store.InviteAsync(new NewInvitation(SurveySubject.Session, attended.EnrollmentId, attended.CourseTitleEn,
            $"培训“{attended.CourseTitleZh}”", $"The training \"{attended.CourseTitleEn}\"",
            attended.TraineeUserId, attended.OrganisationId, attended.TraineeEmail, attended.TraineeLanguage,
            attended.ProductCode, Instructor: attended.Instructor), ct);
}
