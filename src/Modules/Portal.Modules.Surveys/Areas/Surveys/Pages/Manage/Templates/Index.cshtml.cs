using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Web.Paging;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Templates;

/// <summary>Staff: the survey templates with their purpose, current version and number of questions.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public PagedList<TemplateSummary> Templates { get; private set; } = PagedList<TemplateSummary>.Empty;

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } all) return Forbid();
        var page = Math.Clamp(p ?? 1, 1, PagedList<TemplateSummary>.MaxPage);
        var size = PagedList<TemplateSummary>.DefaultPageSize;
        Templates = new PagedList<TemplateSummary>([.. all.Skip((page - 1) * size).Take(size)], page, size, all.Count);
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User) : IRequest<IReadOnlyList<TemplateSummary>?>;

    internal sealed class Handler(TemplateStore store) : IRequestHandler<Query, IReadOnlyList<TemplateSummary>?>
    {
        public async Task<IReadOnlyList<TemplateSummary>?> Handle(Query query, CancellationToken ct) =>
            query.User.IsStaff() ? await store.ListAsync(ct) : null;
    }
}
