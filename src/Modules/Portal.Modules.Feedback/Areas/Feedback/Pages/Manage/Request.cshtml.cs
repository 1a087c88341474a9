using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Sla;
using Portal.Modules.Feedback.Team;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage;

/// <summary>Staff: a request with every fact, the whole timeline (internal notes included) and the
/// steps: assign, reply or note (posted to <see cref="ReplyModel"/>), change the status, escalate to
/// the next tier with a reason, change a problem's severity (due times recomputed from now), reopen.
/// Every step is made against the row version the page showed; when someone else changed the request
/// in between nothing is saved and the page shows the current state. A complaint is 404 to staff who
/// are neither service supervisors nor admins.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RequestModel(IMediator mediator, IStringLocalizer localizer, IOptions<FeedbackOptions> options) : PageModel
{
    public const int ReasonLength = 2_000;

    public View? Item { get; private set; }

    /// <summary>The satisfaction-survey response this request follows up, if it is a survey follow-up.</summary>
    public long? FollowUpResponseId { get; private set; }

    public FeedbackOptions Options => options.Value;

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public int RowVersion { get; set; }

    /// <summary>"me", "none" or a staff user's id.</summary>
    [BindProperty]
    public string? Assignee { get; set; }

    [BindProperty]
    public string? To { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int? Severity { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Item = await mediator.Send(new Query(User, id), ct);
        if (Item is not null) FollowUpResponseId = await mediator.Send(new Contracts.GetFollowUpResponse(id), ct);
        return Item is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        ActAsync(id, new Assign(User, id, RowVersion, Assignee), "The assignment has been saved.", ct);

    public Task<IActionResult> OnPostStatusAsync(long id, CancellationToken ct) =>
        ActAsync(id, new ChangeStatus(User, id, RowVersion, To ?? ""), "The status has been changed.", ct);

    public async Task<IActionResult> OnPostEscalateAsync(long id, CancellationToken ct)
    {
        Reason = Reason?.Trim();
        if (string.IsNullOrEmpty(Reason) || Reason.Length > ReasonLength)
        {
            ModelState.AddModelError(nameof(Reason), string.IsNullOrEmpty(Reason)
                ? localizer["Give the reason for the escalation."] : localizer["The reason may have at most 2,000 characters."]);
            return await OnGetAsync(id, ct);
        }
        return await ActAsync(id, new Escalate(User, id, RowVersion, Reason), "The request has been escalated to the next tier.", ct);
    }

    public Task<IActionResult> OnPostSeverityAsync(long id, CancellationToken ct) =>
        ActAsync(id, new ChangeSeverity(User, id, RowVersion, Severity ?? 0), "The severity has been changed and the due times recomputed.", ct);

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken ct) =>
        ActAsync(id, new ChangeStatus(User, id, RowVersion, RequestVocabulary.Reopened), "The request is open again.", ct);

    private async Task<IActionResult> ActAsync(long id, IRequest<WorkflowOutcome> command, string done, CancellationToken ct)
    {
        var outcome = await mediator.Send(command, ct);
        if (outcome == WorkflowOutcome.NotFound) return NotFound();
        if (outcome != WorkflowOutcome.Done)
        {
            ModelState.AddModelError("", OutcomeMessage(outcome, localizer));
            var page = await OnGetAsync(id, ct);
            if (outcome == WorkflowOutcome.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
            return page;
        }
        Notice = localizer[done];
        return RedirectToPage(new { id });
    }

    /// <summary>Why a step was refused, localized.</summary>
    public static string OutcomeMessage(WorkflowOutcome outcome, IStringLocalizer localizer) => outcome switch
    {
        WorkflowOutcome.Conflict => localizer["Someone else changed this request while you were looking at it. Your change was not saved; here is the current state."],
        WorkflowOutcome.Closed => localizer["This request is closed. Reopen it first."],
        _ => localizer["This step does not apply to the request any more. The page shows its current state."],
    };

    /// <param name="Tiers">The support tier of each staff member listed in the team (others are tier 1).</param>
    public sealed record View(RequestRow Request, string OrganisationName, string ProductName, IReadOnlyList<TimelineEntry> Timeline,
        IReadOnlyList<StaffUser> Staff, IReadOnlyDictionary<long, int> Tiers, long? Me);

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<View?>;

    public sealed record Assign(ClaimsPrincipal User, long Id, int RowVersion, string? Assignee) : IRequest<WorkflowOutcome>;

    public sealed record ChangeStatus(ClaimsPrincipal User, long Id, int RowVersion, string To) : IRequest<WorkflowOutcome>;

    public sealed record Escalate(ClaimsPrincipal User, long Id, int RowVersion, string Reason) : IRequest<WorkflowOutcome>;

    public sealed record ChangeSeverity(ClaimsPrincipal User, long Id, int RowVersion, int Severity) : IRequest<WorkflowOutcome>;

    internal sealed class Handler(IMediator mediator, RequestQueries queries, TeamDirectory team) : IRequestHandler<Query, View?>
    {
        public async Task<View?> Handle(Query query, CancellationToken ct)
        {
            if (await StaffAccess.RequestAsync(query.User, query.Id, queries, team, ct) is not { } request) return null;
            var organisation = await mediator.Send(new GetOrganisation(request.OrganisationId), ct);
            var product = await mediator.Send(new GetProduct(request.ProductCode), ct);
            var tiers = (await team.AllAsync(ct)).ToDictionary(m => m.UserId, m => m.Tier);
            return new View(request, organisation?.Name ?? request.OrganisationId.ToString(CultureInfo.InvariantCulture),
                product?.Name(CultureInfo.CurrentUICulture) ?? request.ProductCode, await queries.TimelineAsync(request.Id, includeInternal: true, ct),
                await mediator.Send(new ListStaffUsers(), ct), tiers, query.User.UserId());
        }
    }

    internal sealed class StepHandler(IMediator mediator, RequestQueries queries, TeamDirectory team, RequestWorkflow workflow,
        IServiceClock serviceClock, TimeProvider clock)
        : IRequestHandler<Assign, WorkflowOutcome>, IRequestHandler<ChangeStatus, WorkflowOutcome>, IRequestHandler<Escalate, WorkflowOutcome>,
            IRequestHandler<ChangeSeverity, WorkflowOutcome>
    {
        public async Task<WorkflowOutcome> Handle(Assign command, CancellationToken ct)
        {
            if (await StaffAccess.RequestAsync(command.User, command.Id, queries, team, ct) is null) return WorkflowOutcome.NotFound;
            var actor = Actor.Of(command.User);
            (long? Id, string? Name)? assignee = command.Assignee switch
            {
                "none" => (null, null),
                "me" => (actor.Id, actor.Name),
                { } value when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) =>
                    (await mediator.Send(new ListStaffUsers(), ct)).FirstOrDefault(s => s.UserId == userId) is { } s ? (s.UserId, s.DisplayName) : null,
                _ => null,
            };
            return assignee is { } a
                ? await workflow.AssignAsync(command.Id, command.RowVersion, actor, a.Id, a.Name, ct)
                : WorkflowOutcome.NotAllowed;
        }

        public async Task<WorkflowOutcome> Handle(ChangeStatus command, CancellationToken ct) =>
            await StaffAccess.RequestAsync(command.User, command.Id, queries, team, ct) is null ? WorkflowOutcome.NotFound
                : await workflow.ChangeStatusAsync(command.Id, command.RowVersion, Actor.Of(command.User), command.To, ct);

        public async Task<WorkflowOutcome> Handle(Escalate command, CancellationToken ct) =>
            await StaffAccess.RequestAsync(command.User, command.Id, queries, team, ct) is null ? WorkflowOutcome.NotFound
                : await workflow.EscalateAsync(command.Id, command.RowVersion, Actor.Of(command.User), command.Reason.Trim(), ct);

        public async Task<WorkflowOutcome> Handle(ChangeSeverity command, CancellationToken ct)
        {
            if (await StaffAccess.RequestAsync(command.User, command.Id, queries, team, ct) is not { } request) return WorkflowOutcome.NotFound;
            if (request.Type != RequestVocabulary.Problem || !RequestVocabulary.Severities.Contains(command.Severity)) return WorkflowOutcome.NotAllowed;
            var plan = await SlaPlan.ForAsync(mediator, serviceClock, request.OrganisationId, request.ProductCode, request.Type, command.Severity,
                clock.GetUtcNow(), ct);
            return await workflow.ChangeSeverityAsync(command.Id, command.RowVersion, Actor.Of(command.User), command.Severity, plan, ct);
        }
    }
}
