using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Recording;
using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Web.Paging;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Responses;

/// <summary>Staff: every survey response, newest first, filtered by template, organisation and channel.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Template { get; set; }
    [BindProperty(SupportsGet = true)] public long? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }

    public Result Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, Template, Organisation, Channel, p ?? 1), ct) is not { } result) return Forbid();
        Shown = result;
        return Page();
    }

    public sealed record Result(PagedList<ResponseLine> Responses, IReadOnlyList<TemplateSummary> Templates, IReadOnlyDictionary<long, string> Organisations);

    public sealed record Query(ClaimsPrincipal User, long? Template, long? Organisation, string? Channel, int Page) : IRequest<Result?>;

    internal sealed class Handler(ResponseQueries responses, TemplateStore templates, IMediator mediator) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var channel = ResponseQueries.Channels.Contains(query.Channel) ? query.Channel : null;
            var list = await responses.ResponsesAsync(query.Template, query.Organisation, channel, query.Page, ct);
            var organisations = (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id, o => o.Name);
            return new Result(list, await templates.ListAsync(ct), organisations);
        }
    }
}
