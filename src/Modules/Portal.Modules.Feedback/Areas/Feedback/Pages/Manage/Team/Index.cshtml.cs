using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Team;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Team;

/// <summary>Staff: the support team — each staff member's tier, who leads a tier (and gets its SLA
/// warnings) and who is a service supervisor (and handles complaints). Admins change them.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public Roster Team { get; private set; } = new([], false);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } team) return Forbid();
        Team = team;
        return Page();
    }

    public sealed record Member(StaffUser User, int Tier, bool IsLead, bool IsSupervisor);

    /// <param name="CanEdit">The reader is an admin.</param>
    public sealed record Roster(IReadOnlyList<Member> Members, bool CanEdit);

    public sealed record Query(ClaimsPrincipal User) : IRequest<Roster?>;

    internal sealed class Handler(IMediator mediator, TeamDirectory team) : IRequestHandler<Query, Roster?>
    {
        public async Task<Roster?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var rows = (await team.AllAsync(ct)).ToDictionary(m => m.UserId);
            var members = (await mediator.Send(new ListStaffUsers(), ct))
                .Select(s => rows.TryGetValue(s.UserId, out var m) ? new Member(s, m.Tier, m.IsLead, m.IsSupervisor) : new Member(s, 1, false, false))
                .OrderBy(m => m.Tier).ThenBy(m => m.User.DisplayName, StringComparer.CurrentCulture)
                .ToList();
            return new Roster(members, query.User.IsInRole(PortalRoles.Admin));
        }
    }
}
