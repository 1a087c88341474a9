using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Team;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Team;

/// <summary>Admin: a staff member's tier, whether they lead it and whether they are a service supervisor.</summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public StaffUser? Person { get; private set; }

    [BindProperty]
    public int Tier { get; set; } = 1;

    [BindProperty]
    public bool IsLead { get; set; }

    [BindProperty]
    public bool IsSupervisor { get; set; }

    public async Task<IActionResult> OnGetAsync(long userId, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, userId), ct) is not { } member) return NotFound();
        Person = member.User;
        (Tier, IsLead, IsSupervisor) = (member.Tier, member.IsLead, member.IsSupervisor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long userId, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, userId), ct) is not { } member) return NotFound();
        Person = member.User;
        if (Tier is < 1 or > RequestWorkflow.MaxTier)
        {
            ModelState.AddModelError(nameof(Tier), localizer["Choose a tier."]);
            return Page();
        }
        if (!await mediator.Send(new Save(User, userId, Tier, IsLead, IsSupervisor), ct)) return NotFound();
        TempData["Notice"] = localizer["The support team has been updated."].Value;
        return RedirectToPage("Index");
    }

    public sealed record Query(ClaimsPrincipal User, long UserId) : IRequest<IndexModel.Member?>;

    /// <summary>False when the user is not an admin or the person is not a staff member.</summary>
    public sealed record Save(ClaimsPrincipal User, long UserId, int Tier, bool IsLead, bool IsSupervisor) : IRequest<bool>;

    internal sealed class Handler(IMediator mediator, TeamDirectory team) : IRequestHandler<Query, IndexModel.Member?>, IRequestHandler<Save, bool>
    {
        public async Task<IndexModel.Member?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsInRole(PortalRoles.Admin) || await StaffAsync(query.UserId, ct) is not { } person) return null;
            var row = await team.MemberAsync(query.UserId, ct);
            return new IndexModel.Member(person, row?.Tier ?? 1, row?.IsLead ?? false, row?.IsSupervisor ?? false);
        }

        public async Task<bool> Handle(Save command, CancellationToken ct)
        {
            if (!command.User.IsInRole(PortalRoles.Admin) || command.Tier is < 1 or > RequestWorkflow.MaxTier) return false;
            if (await StaffAsync(command.UserId, ct) is not { } person) return false;
            await team.SaveAsync(new TeamMember
            {
                UserId = person.UserId, DisplayName = person.DisplayName, Email = person.Email, Tier = command.Tier,
                IsLead = command.IsLead, IsSupervisor = command.IsSupervisor,
            }, ct);
            return true;
        }

        private async Task<StaffUser?> StaffAsync(long userId, CancellationToken ct) =>
            (await mediator.Send(new ListStaffUsers(), ct)).FirstOrDefault(s => s.UserId == userId);
    }
}
