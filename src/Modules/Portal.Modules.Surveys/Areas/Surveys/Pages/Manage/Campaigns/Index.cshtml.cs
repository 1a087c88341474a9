using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Campaigns;
using Portal.Web.Paging;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Campaigns;

/// <summary>Staff: the survey campaigns, newest first, with template version, invited, answered and response rate.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public PagedList<CampaignRow> Campaigns { get; private set; } = PagedList<CampaignRow>.Empty;

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        var page = Math.Clamp(p ?? 1, 1, PagedList<CampaignRow>.MaxPage);
        if (await mediator.Send(new Query(User, page, PagedList<CampaignRow>.DefaultPageSize), ct) is not { } list) return Forbid();
        Campaigns = list;
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User, int Page, int PageSize) : IRequest<PagedList<CampaignRow>?>;

    internal sealed class Handler(CampaignStore store) : IRequestHandler<Query, PagedList<CampaignRow>?>
    {
        public async Task<PagedList<CampaignRow>?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var (rows, total) = await store.ListAsync(query.Page, query.PageSize, ct);
            return new PagedList<CampaignRow>(rows, query.Page, query.PageSize, total);
        }
    }
}
