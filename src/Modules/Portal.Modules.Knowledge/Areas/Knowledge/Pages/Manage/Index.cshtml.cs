using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Articles;
using Portal.Web.Paging;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>Staff's list of all articles, drafts and archived ones included.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
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
        Result = await mediator.Send(new Query(User, Status, Lang, Q, PageNumber), ct);

    /// <summary>Unknown statuses and languages filter nothing; the text matches titles and slugs.</summary>
    public sealed record Query(ClaimsPrincipal User, string? Status, string? Lang, string? Text, int Page) : IRequest<PagedList<ArticleSummary>>;

    internal sealed class Handler(ArticleQueries queries) : IRequestHandler<Query, PagedList<ArticleSummary>>
    {
        public Task<PagedList<ArticleSummary>> Handle(Query query, CancellationToken ct)
        {
            StaffOnly.Require(query.User);
            return queries.ManageAsync(query.Status, query.Lang, query.Text, query.Page, ct);
        }
    }
}
