using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Attendance;
using Portal.Modules.Training.Sessions;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Sessions;

/// <summary>Staff: the roster of a session that has started, with attended/absent per trainee in one
/// form. Attending a certifying course issues the certificate (once).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class AttendanceModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>Enrollment id → "attended" / "absent" ("" leaves it unrecorded).</summary>
    [BindProperty]
    public Dictionary<long, string> Marks { get; set; } = [];

    public SessionRow Session { get; private set; } = null!;

    public IReadOnlyList<Entry> Roster { get; private set; } = [];

    /// <summary>Why attendance cannot be recorded yet, or null.</summary>
    public AttendanceOutcome? Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The route takes {id} unconstrained (keeps the authorization matrix columns); a non-number binds to 0.
        if (Id <= 0) return NotFound();
        if (await mediator.Send(new Query(User, Id), ct) is not { } view) return NotFound();
        (Session, Roster, Closed) = (view.Session, view.Roster, view.Closed);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id <= 0) return NotFound();
        var outcome = await mediator.Send(new Save(User, Id, Marks), ct);
        if (outcome == AttendanceOutcome.NotFound) return NotFound();
        TempData[outcome == AttendanceOutcome.Saved ? "Message" : "Problem"] = outcome switch
        {
            AttendanceOutcome.Saved => localizer["Attendance saved."].Value,
            AttendanceOutcome.SessionCancelled => localizer["The session was cancelled; there is no attendance to record."].Value,
            _ => localizer["Attendance can be recorded once the session has started."].Value,
        };
        return RedirectToPage(new { id = Id });
    }

    public sealed record Entry(RosterEntry Row, string Organisation);

    public sealed record View(SessionRow Session, IReadOnlyList<Entry> Roster, AttendanceOutcome? Closed);

    public sealed record Query(ClaimsPrincipal User, long SessionId) : IRequest<View?>;

    public sealed record Save(ClaimsPrincipal User, long SessionId, IReadOnlyDictionary<long, string> Marks) : IRequest<AttendanceOutcome>;

    internal sealed class Handler(SessionStore sessions, AttendanceWorkflow attendance, IMediator mediator) :
        IRequestHandler<Query, View?>, IRequestHandler<Save, AttendanceOutcome>
    {
        public async Task<View?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff() || await sessions.FindAsync(query.SessionId, ct) is not { } session) return null;
            var roster = await attendance.RosterAsync(session.Id, ct);
            var names = (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id, o => o.Name);
            return new View(session, [.. roster.Select(r => new Entry(r, names.GetValueOrDefault(r.OrganisationId, "")))],
                attendance.Closed(session.StartsAt, session.Status));
        }

        public async Task<AttendanceOutcome> Handle(Save command, CancellationToken ct) =>
            command.User.IsStaff() && command.User.UserId() is { } staff
                ? await attendance.RecordAsync(command.SessionId, staff, command.Marks, ct)
                : AttendanceOutcome.NotFound;
    }
}
