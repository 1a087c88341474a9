using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Enrollments;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage;

/// <summary>Staff confirm or decline paid training requests: confirmed takes a seat when one is
/// free, else joins the waitlist; declined is cancelled (the trainee is emailed either way).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RequestsModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public PagedList<EnrollmentRow> List { get; private set; } = PagedList<EnrollmentRow>.Empty;

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default) => List = await mediator.Send(new Query(User, p), ct);

    public async Task<IActionResult> OnPostAsync(long id, bool confirm, CancellationToken ct)
    {
        if (!await mediator.Send(new Decide(User, id, confirm), ct)) return NotFound();
        TempData["Notice"] = confirm ? localizer["The paid request has been confirmed."].Value : localizer["The paid request has been declined."].Value;
        return RedirectToPage();
    }

    public sealed record Query(ClaimsPrincipal User, int Page) : IRequest<PagedList<EnrollmentRow>>;

    public sealed record Decide(ClaimsPrincipal User, long EnrollmentId, bool Confirm) : IRequest<bool>;

    internal sealed class Handler(EnrollmentWorkflow workflow) : IRequestHandler<Query, PagedList<EnrollmentRow>>, IRequestHandler<Decide, bool>
    {
        public async Task<PagedList<EnrollmentRow>> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsInRole(PortalRoles.Staff) && !query.User.IsInRole(PortalRoles.Admin)) return PagedList<EnrollmentRow>.Empty;
            var all = await workflow.InStateAsync("requested", ct);
            var page = PagedList<EnrollmentRow>.Normalize(query.Page);
            var size = PagedList<EnrollmentRow>.DefaultPageSize;
            return new PagedList<EnrollmentRow>([.. all.Skip((int)PagedList<EnrollmentRow>.Offset(page, size)).Take(size)], page, size, all.Count);
        }

        public async Task<bool> Handle(Decide command, CancellationToken ct) =>
            (command.User.IsInRole(PortalRoles.Staff) || command.User.IsInRole(PortalRoles.Admin))
            && await workflow.DecideRequestAsync(command.EnrollmentId, command.Confirm, ct);
    }
}
