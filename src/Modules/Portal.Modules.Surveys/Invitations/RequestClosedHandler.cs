using MediatR;
using Portal.Modules.Feedback.Contracts;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>A closed service request invites its requester to the service-request survey, once per request:
/// a reopened request closed again (or a redelivered event) sends nothing new.</summary>
internal sealed class RequestClosedHandler(InvitationStore store) : INotificationHandler<RequestClosed>
{
    public Task Handle(RequestClosed closed, CancellationToken ct) =>
        store.InviteAsync(new NewInvitation(SurveySubject.Request, closed.RequestId, closed.Reference,
            $"服务请求 {closed.Reference}", $"Service request {closed.Reference}",
            closed.ContactUserId, closed.OrganisationId, closed.ContactEmail, closed.ContactLanguage,
            closed.ProductCode, closed.AssigneeName ?? ""), ct);
}
