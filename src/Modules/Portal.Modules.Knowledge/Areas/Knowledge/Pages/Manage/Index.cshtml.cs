using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Articles;
using Portal.Web.Paging;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>Staff's list of all articles, drafts and archived ones included.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(ArticleQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Lang { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ArticleSummary> Result { get; private set; } = new([], 1, ArticleQueries.PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await queries.ManageAsync(Status, Lang, Q, PageNumber, ct);
}
