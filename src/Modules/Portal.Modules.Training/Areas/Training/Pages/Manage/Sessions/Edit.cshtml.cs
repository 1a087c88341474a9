using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Courses;
using Portal.Modules.Training.Sessions;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Sessions;

/// <summary>Staff: plan a session or change one (times in the vendor time zone), cancel or complete it.
/// Every change increments the session's sequence, which trainees' calendars follow.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public IReadOnlyList<CourseRow> Courses { get; private set; } = [];

    public SessionRow? Session { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? course, CancellationToken ct)
    {
        var form = await mediator.Send(new Query(User, Id), ct);
        if (form.Outcome != Outcome.Done) return Result(form.Outcome);
        Show(form);
        Input = form.Input ?? new SessionInput { CourseId = course, Capacity = 20 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = await mediator.Send(new Save(User, Id, Input), ct);
        if (saved.Outcome is Outcome.Forbidden or Outcome.NotFound) return Result(saved.Outcome);
        if (saved.Outcome != Outcome.Done)
        {
            foreach (var p in saved.Problems) ModelState.AddModelError("Input." + p.Field, localizer[p.Message]);
            if (saved.Outcome == Outcome.UnknownCourse) ModelState.AddModelError("Input.CourseId", localizer["Choose the course."]);
            if (saved.Outcome == Outcome.CapacityBelowEnrolled)
                ModelState.AddModelError("Input.Capacity", localizer["{0} trainees are already enrolled: the capacity cannot be lower. Cancel enrollments first.", saved.Enrolled]);
            if (saved.Outcome == Outcome.NotScheduled) ModelState.AddModelError("", localizer["A cancelled or completed session cannot be changed."]);
            var form = await mediator.Send(new Query(User, Id), ct);
            if (form.Outcome != Outcome.Done) return Result(form.Outcome);
            Show(form);
            return Page();
        }
        TempData["Message"] = localizer["The session has been saved."].Value;
        return RedirectToPage("Edit", new { id = saved.Id });
    }

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) => SetStatus("cancelled", localizer["The session has been cancelled."], ct);

    public Task<IActionResult> OnPostCompleteAsync(CancellationToken ct) => SetStatus("completed", localizer["The session has been marked completed."], ct);

    private async Task<IActionResult> SetStatus(string status, string done, CancellationToken ct)
    {
        if (Id is null) return NotFound();
        var outcome = await mediator.Send(new ChangeStatus(User, Id.Value, status), ct);
        if (outcome is Outcome.Forbidden or Outcome.NotFound) return Result(outcome);
        TempData["Message"] = outcome == Outcome.Done ? done : localizer["A cancelled or completed session cannot be changed."].Value;
        return RedirectToPage("Edit", new { id = Id });
    }

    private void Show(Form form)
    {
        Courses = form.Courses;
        Session = form.Session;
    }

    private IActionResult Result(Outcome outcome) => outcome == Outcome.Forbidden ? Forbid() : NotFound();

    public enum Outcome { Done, Forbidden, NotFound, Invalid, UnknownCourse, NotScheduled, CapacityBelowEnrolled }

    public sealed record Form(Outcome Outcome, IReadOnlyList<CourseRow> Courses, SessionRow? Session = null, SessionInput? Input = null);

    public sealed record Saved(Outcome Outcome, long Id = 0, IReadOnlyList<SessionRules.Problem>? Problems = null, long Enrolled = 0)
    {
        public IReadOnlyList<SessionRules.Problem> Problems { get; } = Problems ?? [];
    }

    public sealed record Query(ClaimsPrincipal User, long? Id) : IRequest<Form>;

    public sealed record Save(ClaimsPrincipal User, long? Id, SessionInput Input) : IRequest<Saved>;

    public sealed record ChangeStatus(ClaimsPrincipal User, long Id, string Status) : IRequest<Outcome>;

    internal sealed class Handler(CourseStore courses, SessionStore sessions, IOptions<PortalOptions> portal, Calendars.SessionNotices notices, Enrollments.EnrollmentWorkflow enrollments)
        : IRequestHandler<Query, Form>, IRequestHandler<Save, Saved>, IRequestHandler<ChangeStatus, Outcome>
    {
        public async Task<Form> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return new Form(Outcome.Forbidden, []);
            var all = await courses.ListAsync(activeOnly: false, ct);
            if (query.Id is not { } id) return new Form(Outcome.Done, [.. all.Where(c => c.IsActive)]);
            if (await sessions.FindAsync(id, ct) is not { } s) return new Form(Outcome.NotFound, []);
            var zone = portal.Value.VendorTimeZone;
            var input = new SessionInput
            {
                CourseId = s.CourseId, Starts = SessionRules.Local(s.StartsAt, zone), Ends = SessionRules.Local(s.EndsAt, zone),
                EnrollUntil = SessionRules.Local(s.EnrollUntil, zone), Place = s.Place, OnlineUrl = s.OnlineUrl, Instructor = s.Instructor, Capacity = s.Capacity,
            };
            return new Form(Outcome.Done, [.. all.Where(c => c.IsActive || c.Id == s.CourseId)], s, input);
        }

        public async Task<Saved> Handle(Save command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return new Saved(Outcome.Forbidden);
            var (problems, times) = SessionRules.Check(command.Input, portal.Value.VendorTimeZone);
            if (times is null) return new Saved(Outcome.Invalid, Problems: problems);
            var before = command.Id is { } existing ? await sessions.FindAsync(existing, ct) : null;
            var (outcome, id) = await sessions.SaveAsync(command.Id, command.Input.CourseId!.Value, times, command.Input, ct);
            if (outcome == SessionStore.Outcome.Done && before is not null && await sessions.FindAsync(id, ct) is { } after && Calendars.SessionNotices.Changed(before, after))
                await notices.SessionChangedAsync(id, ct);
            return outcome switch
            {
                SessionStore.Outcome.Done => new Saved(Outcome.Done, id),
                SessionStore.Outcome.NotFound => new Saved(Outcome.NotFound),
                SessionStore.Outcome.UnknownCourse => new Saved(Outcome.UnknownCourse),
                SessionStore.Outcome.CapacityBelowEnrolled => new Saved(Outcome.CapacityBelowEnrolled, command.Id ?? 0, Enrolled: id),
                _ => new Saved(Outcome.NotScheduled),
            };
        }

        public async Task<Outcome> Handle(ChangeStatus command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return Outcome.Forbidden;
            if (command.Status is not ("cancelled" or "completed")) return Outcome.Invalid;
            var changed = await sessions.SetStatusAsync(command.Id, command.Status, ct);
            if (changed == SessionStore.Outcome.Done && command.Status == "cancelled")
            {
                await notices.SessionCancelledAsync(command.Id, ct);
                await enrollments.ReleaseCancelledSessionAsync(command.Id, ct);
            }
            return changed switch
            {
                SessionStore.Outcome.Done => Outcome.Done,
                SessionStore.Outcome.NotFound => Outcome.NotFound,
                _ => Outcome.NotScheduled,
            };
        }
    }
}
