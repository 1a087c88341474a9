using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;
using Portal.Web.Paging;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages.Manage;

/// <summary>Staff: every release, drafts included, newest version first.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ReleaseRow> Result { get; private set; } = PagedList<ReleaseRow>.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, Product, PageNumber), ct) is not { } result) return Forbid();
        Result = result;
        return Page();
    }

    /// <summary>A page of releases, filtered by product code when given; null for anyone but staff.</summary>
    public sealed record Query(ClaimsPrincipal User, string? Product, int Page) : IRequest<PagedList<ReleaseRow>?>;

    internal sealed class Handler(ReleaseQueries queries) : IRequestHandler<Query, PagedList<ReleaseRow>?>
    {
        public async Task<PagedList<ReleaseRow>?> Handle(Query query, CancellationToken ct) =>
            query.User.IsStaff()
                ? await queries.BrowseAsync(new ReleaseFilter(string.IsNullOrWhiteSpace(query.Product) ? null : query.Product.Trim(), null, null), false, true, query.Page, ct)
                : null;
    }
}
