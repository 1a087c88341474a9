using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Campaigns;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Campaigns;

/// <summary>Staff: one campaign — its template version, audience, and per organisation who was invited and answered.
/// "Invite new contacts" sends it again: only contacts not invited by it before are invited.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ShowModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public Details Campaign { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var found = await mediator.Send(new Query(User, id), ct);
        if (found.Forbidden) return Forbid();
        if (found.Details is null) return NotFound();
        Campaign = found.Details;
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken ct)
    {
        var sent = await mediator.Send(new Resend(User, id), ct);
        if (sent.Forbidden) return Forbid();
        if (sent.Invited is not { } invited) return NotFound();
        TempData["Message"] = localizer["{0} new contacts invited.", invited].Value;
        return Redirect($"/Surveys/Manage/Campaigns/{id}");
    }

    public sealed record Details(CampaignRow Row, IReadOnlyList<CampaignOrganisation> Organisations);

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<(bool Forbidden, Details? Details)>;

    internal sealed class QueryHandler(IMediator mediator, CampaignStore store) : IRequestHandler<Query, (bool Forbidden, Details? Details)>
    {
        public async Task<(bool Forbidden, Details? Details)> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return (true, null);
            if (await store.FindAsync(query.Id, ct) is not { } row) return (false, null);
            var names = (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id, o => o.Name);
            var organisations = (await store.OrganisationCountsAsync(query.Id, ct))
                .Select(o => new CampaignOrganisation(o.OrganisationId, names.GetValueOrDefault(o.OrganisationId, "#" + o.OrganisationId), o.Invited, o.Answered))
                .OrderBy(o => o.Name, StringComparer.CurrentCulture)
                .ToList();
            return (false, new Details(row, organisations));
        }
    }

    /// <summary>Sends the campaign again to its audience as it is now; the number of new invitations (null: no such campaign).</summary>
    public sealed record Resend(ClaimsPrincipal User, long Id) : IRequest<(bool Forbidden, int? Invited)>;

    internal sealed class ResendHandler(CampaignSender sender) : IRequestHandler<Resend, (bool Forbidden, int? Invited)>
    {
        public async Task<(bool Forbidden, int? Invited)> Handle(Resend request, CancellationToken ct) =>
            request.User.IsStaff() ? (false, await sender.SendAsync(request.Id, [], ct)) : (true, null);
    }
}
