using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Training.Enrollments;

namespace Portal.Modules.Training.Areas.Training.Pages;

/// <summary>A customer contact enrolls in a session: themself, or (as an organisation administrator)
/// a colleague. The page says before confirming whether a free training of the contract year is used
/// or the enrollment becomes a paid request that staff confirm.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class EnrollModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public View? Shown { get; private set; }

    [BindProperty]
    public long? Trainee { get; set; }

    public async Task<IActionResult> OnGetAsync(long sessionId, CancellationToken ct)
    {
        Shown = await mediator.Send(new Query(User, sessionId), ct);
        return Shown is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(long sessionId, CancellationToken ct)
    {
        var outcome = await mediator.Send(new Enroll(User, sessionId, Trainee), ct);
        if (outcome == EnrollOutcome.NotFound) return NotFound();
        if (outcome is EnrollOutcome.Enrolled or EnrollOutcome.Waitlisted or EnrollOutcome.Requested)
        {
            TempData["Notice"] = Message(outcome, localizer);
            return RedirectToPage("/Mine");
        }
        ModelState.AddModelError("", Message(outcome, localizer));
        Shown = await mediator.Send(new Query(User, sessionId), ct);
        return Shown is null ? NotFound() : Page();
    }

    public static string Message(EnrollOutcome outcome, IStringLocalizer L) => outcome switch
    {
        EnrollOutcome.Enrolled => L["You are enrolled. A confirmation with a calendar file is on its way by email."],
        EnrollOutcome.Waitlisted => L["The session is full: you are on the waitlist and will be emailed when a seat becomes yours."],
        EnrollOutcome.Requested => L["Your paid training request has been sent. Staff will confirm it."],
        EnrollOutcome.AlreadyEnrolled => L["This person is already enrolled in this session (or waiting for a seat)."],
        EnrollOutcome.DeadlinePassed => L["The enrollment deadline for this session has passed."],
        EnrollOutcome.SessionCancelled => L["This session has been cancelled and takes no enrollments."],
        EnrollOutcome.SessionPast => L["This session has already started or taken place."],
        EnrollOutcome.NotAColleague => L["You can only enroll yourself, or, as your organisation's administrator, colleagues of your organisation."],
        _ => L["This session was not found."],
    };

    public sealed record View(SessionSummary Session, EnrollOutcome? Closed, EnrollmentRow? Mine, TrainingQuotaInfo Quota, bool UsesQuotaAlready,
        bool OrganisationAdmin, IReadOnlyList<OrganisationContact> Colleagues)
    {
        /// <summary>Whether confirming now uses (or shares) a free training rather than making a paid request.</summary>
        public bool Free => UsesQuotaAlready || Quota.Left > 0;
    }

    public sealed record Query(ClaimsPrincipal User, long SessionId) : IRequest<View?>;

    public sealed record Enroll(ClaimsPrincipal User, long SessionId, long? TraineeUserId) : IRequest<EnrollOutcome>;

    internal sealed class Handler(IMediator mediator, EnrollmentWorkflow workflow, TimeProvider clock) :
        IRequestHandler<Query, View?>, IRequestHandler<Enroll, EnrollOutcome>
    {
        public async Task<View?> Handle(Query query, CancellationToken ct)
        {
            if (query.User.OrganisationId() is not { } organisation || query.User.UserId() is not { } user) return null;
            if (await workflow.SessionAsync(query.SessionId, ct) is not { } session) return null;
            var admin = await mediator.Send(new IsOrganisationAdministrator(user, organisation), ct);
            var colleagues = admin ? await mediator.Send(new ListOrganisationContacts(organisation), ct) : [];
            var quota = await mediator.Send(new TrainingQuota(organisation, clock.GetUtcNow()), ct);
            var sharing = (await workflow.OfSessionAsync(session.Id, ct))
                .Any(e => e.OrganisationId == organisation && e is { State: "enrolled", Billing: "free" });
            return new View(session, workflow.Closed(session), await workflow.LiveAsync(session.Id, user, ct), quota, sharing, admin, colleagues);
        }

        public async Task<EnrollOutcome> Handle(Enroll command, CancellationToken ct)
        {
            if (command.User.OrganisationId() is not { } organisation || command.User.UserId() is not { } user) return EnrollOutcome.NotFound;
            var traineeId = command.TraineeUserId ?? user;
            if (traineeId != user && !await mediator.Send(new IsOrganisationAdministrator(user, organisation), ct)) return EnrollOutcome.NotAColleague;
            var trainee = (await mediator.Send(new ListOrganisationContacts(organisation), ct)).FirstOrDefault(c => c.UserId == traineeId);
            if (trainee is null) return EnrollOutcome.NotAColleague;
            return await workflow.EnrollAsync(command.SessionId, organisation, trainee, user, ct);
        }
    }
}
