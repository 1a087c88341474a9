using MediatR;
using Portal.Modules.Feedback.Contracts;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>A closed service request invites its requester to the service-request survey, once per request:
/// a reopened request closed again (or a redelivered event) sends nothing new.
/// When the request is a survey follow-up, that invitation is its re-survey (<see cref="FollowUps.FollowUpClosing"/>).</summary>
internal sealed class RequestClosedHandler(InvitationStore store, FollowUps.FollowUpClosing followUps) : INotificationHandler<RequestClosed>
{
    public async Task Handle(RequestClosed closed, CancellationToken ct)
    {
        await store.InviteAsync(new NewInvitation(SurveySubject.Request, closed.RequestId, closed.Reference,
            $"服务请求 {closed.Reference}", $"Service request {closed.Reference}",
            closed.ContactUserId, closed.OrganisationId, closed.ContactEmail, closed.ContactLanguage,
            closed.ProductCode, closed.AssigneeName ?? ""), ct);
        await followUps.RecordAsync(closed.RequestId, ct);
    }
}
