using System.Globalization;
using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Notifications.Contracts;

namespace Portal.Modules.Feedback.Team;

/// <summary>Emails every service supervisor who is still a staff member (or, while there is none, every
/// administrator) about a new complaint, in the
/// language of their account. One email per complaint and supervisor (dedup key), so a redelivered
/// event sends nothing twice.</summary>
internal sealed class ComplaintSubmittedHandler(RequestQueries queries, TeamDirectory team, IMediator mediator, IDb db, IOutbox outbox,
    IOptions<PortalOptions> portal) : INotificationHandler<ComplaintSubmitted>
{
    public const string Template = "feedback.complaint";

    public async Task Handle(ComplaintSubmitted notification, CancellationToken ct)
    {
        if (await queries.RequestAsync(notification.RequestId, ct) is not { } request) return;
        var supervisors = (await team.SupervisorsAsync(ct)).Select(s => s.UserId).ToHashSet();
        var everyone = await mediator.Send(new ListStaffUsers(), ct);
        var staff = everyone.Where(s => supervisors.Contains(s.UserId)).ToList();
        // Until someone is made a service supervisor, complaints go to the administrators (who see them too).
        if (staff.Count == 0) staff = [.. everyone.Where(s => s.IsAdmin)];
        if (staff.Count == 0) return;
        var organisation = await mediator.Send(new GetOrganisation(request.OrganisationId), ct);
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var supervisor in staff)
            {
                var email = Email(request, organisation?.Name ?? "", supervisor);
                await outbox.EnqueueAsync(c, tx, email, email.DedupKey);
            }
        }, ct);
    }

    private EmailRequested Email(RequestRow request, string organisation, StaffUser supervisor)
    {
        var language = supervisor.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = supervisor.DisplayName,
            ["reference"] = request.Reference,
            ["title"] = request.Title,
            ["organisation"] = organisation,
            ["contact"] = request.ContactName,
            ["product"] = $"{request.ProductCode} {request.ProductVersion}",
            ["link"] = string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Feedback/Manage/Request/{request.Id}"),
        };
        return new EmailRequested(supervisor.Email, Template, language, values,
            string.Create(CultureInfo.InvariantCulture, $"{Template}:{request.Id}:{supervisor.UserId}"));
    }
}
