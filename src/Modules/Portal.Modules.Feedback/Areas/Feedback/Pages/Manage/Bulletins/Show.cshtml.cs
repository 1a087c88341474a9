using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Bulletins;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Bulletins;

/// <summary>Staff: any organisation's monthly bulletin, as its contacts see it (and were emailed it).
/// An unknown organisation, a month that is not yyyy-MM or that has not ended is 404.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ShowModel(IMediator mediator) : PageModel
{
    public BulletinPage Shown { get; private set; } = null!;

    /// <param name="id">The organisation.</param>
    public async Task<IActionResult> OnGetAsync(long id, string month, CancellationToken ct)
    {
        if (!User.IsStaff()) return Forbid();
        if (await mediator.Send(new Query(User, id, month), ct) is not { } shown) return NotFound();
        Shown = shown;
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User, long OrganisationId, string Month) : IRequest<BulletinPage?>;

    internal sealed class Handler(IMediator mediator, BulletinQueries queries, TimeProvider clock) : IRequestHandler<Query, BulletinPage?>
    {
        public async Task<BulletinPage?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            if (await mediator.Send(new GetOrganisation(query.OrganisationId), ct) is not { } organisation) return null;
            if (await queries.ForPageAsync(organisation, query.Month, clock.GetUtcNow(), ct) is not { } found) return null;
            return BulletinPage.Of(found.Bulletin, found.Sent, found.Month, found.Latest, new HashSet<long>());
        }
    }
}
