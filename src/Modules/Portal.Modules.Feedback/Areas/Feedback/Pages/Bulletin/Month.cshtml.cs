using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Bulletins;
using Portal.Modules.Feedback.Requests;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Bulletin;

/// <summary>A customer's monthly bulletin: the month's summary for the organisation of the sign-in (never
/// one named by the request). A month that is not yyyy-MM or has not ended is 404.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class MonthModel(IMediator mediator) : PageModel
{
    public BulletinPage Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string month, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, month), ct) is not { } shown) return NotFound();
        Shown = shown;
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User, string Month) : IRequest<BulletinPage?>;

    internal sealed class Handler(IMediator mediator, BulletinQueries queries, TimeProvider clock) : IRequestHandler<Query, BulletinPage?>
    {
        public async Task<BulletinPage?> Handle(Query query, CancellationToken ct)
        {
            if (await CustomerScope.OfAsync(query.User, mediator, ct) is not { } scope) return null;
            if (await mediator.Send(new GetOrganisation(scope.OrganisationId), ct) is not { } organisation) return null;
            if (await queries.ForPageAsync(organisation, query.Month, clock.GetUtcNow(), ct) is not { } found) return null;
            // Everyone in the organisation gets the summary; a request links only for those who may open it.
            var linked = found.Bulletin.Requests.Where(r => scope.OrganisationAdmin || r.CreatedBy == scope.UserId).Select(r => r.Id).ToHashSet();
            return BulletinPage.Of(found.Bulletin, found.Sent, found.Month, found.Latest, linked);
        }
    }
}
