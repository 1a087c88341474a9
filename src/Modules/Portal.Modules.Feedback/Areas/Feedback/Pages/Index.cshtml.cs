using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Requests;
using Portal.Web.Paging;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages;

/// <summary>"My requests": an ordinary contact's own requests, or every request of the organisation
/// for its administrator; open, closed or all, newest first, paged.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Result List { get; private set; } = new(PagedList<RequestRow>.Empty, false);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (State is not ("open" or "closed")) State = null;
        if (await mediator.Send(new Query(User, State, PageNumber), ct) is not { } list) return Forbid();
        List = list;
        return Page();
    }

    /// <param name="WholeOrganisation">The reader is an organisation administrator and sees every contact's requests.</param>
    public sealed record Result(PagedList<RequestRow> Requests, bool WholeOrganisation);

    public sealed record Query(ClaimsPrincipal User, string? State, int Page) : IRequest<Result?>;

    internal sealed class Handler(IMediator mediator, RequestQueries queries) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct) =>
            await CustomerScope.OfAsync(query.User, mediator, ct) is { } scope
                ? new Result(await queries.ForCustomerAsync(scope, query.State, query.Page, ct), scope.OrganisationAdmin)
                : null;
    }
}
