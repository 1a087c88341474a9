using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Sessions;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Sessions;

/// <summary>Staff: every session, latest start first.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public PagedList<SessionRow> Sessions { get; private set; } = PagedList<SessionRow>.Empty;

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        var page = Math.Clamp(p ?? 1, 1, PagedList<SessionRow>.MaxPage);
        if (await mediator.Send(new Query(User, page), ct) is not { } list) return Forbid();
        Sessions = list;
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User, int Page) : IRequest<PagedList<SessionRow>?>;

    internal sealed class Handler(SessionStore store) : IRequestHandler<Query, PagedList<SessionRow>?>
    {
        public async Task<PagedList<SessionRow>?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var size = PagedList<SessionRow>.DefaultPageSize;
            var (rows, total) = await store.AllAsync(query.Page, size, ct);
            return new PagedList<SessionRow>(rows, query.Page, size, total);
        }
    }
}
