using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;
using Portal.Web.Paging;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages.Manage;

/// <summary>Staff: every release, drafts included, newest version first.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(ReleaseQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ReleaseRow> Result { get; private set; } = PagedList<ReleaseRow>.Empty;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await queries.BrowseAsync(new ReleaseFilter(string.IsNullOrWhiteSpace(Product) ? null : Product.Trim(), null, null), false, true, PageNumber, ct);
}
