using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages;

/// <summary>A customer's request: its facts, the promised response time (or why none is promised),
/// the public timeline, and the customer's steps: reply, confirm a proposed solution, reopen within
/// the window. Another organisation's request, or (for an ordinary contact) a colleague's, is 404.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class RequestModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public View? Item { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Item = await mediator.Send(new Query(User, id), ct);
        return Item is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken ct) =>
        ActAsync(id, new Confirm(User, id), "Thank you for confirming. The request is closed.", ct);

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken ct) =>
        ActAsync(id, new Reopen(User, id), "The request is open again.", ct);

    private async Task<IActionResult> ActAsync(long id, IRequest<WorkflowOutcome> command, string done, CancellationToken ct)
    {
        var outcome = await mediator.Send(command, ct);
        if (outcome == WorkflowOutcome.NotFound) return NotFound();
        if (outcome != WorkflowOutcome.Done)
        {
            ModelState.AddModelError("", outcome == WorkflowOutcome.Closed
                ? localizer["This request is closed and can no longer be reopened. Please submit a new request and mention its reference."]
                : localizer["This step does not apply to the request any more. The page shows its current state."]);
            return await OnGetAsync(id, ct);
        }
        Notice = localizer[done];
        return RedirectToPage(new { id });
    }

    /// <param name="RenewalProductId">The catalog id of the product, for the renewal link when not covered.</param>
    public sealed record View(RequestRow Request, string ProductName, long? RenewalProductId, IReadOnlyList<TimelineEntry> Timeline, bool CanReopen);

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<View?>;

    public sealed record Confirm(ClaimsPrincipal User, long Id) : IRequest<WorkflowOutcome>;

    public sealed record Reopen(ClaimsPrincipal User, long Id) : IRequest<WorkflowOutcome>;

    internal sealed class Handler(IMediator mediator, RequestQueries queries, TimeProvider clock) : IRequestHandler<Query, View?>
    {
        public async Task<View?> Handle(Query query, CancellationToken ct)
        {
            if (await VisibleAsync(query.User, query.Id, ct) is not { } request) return null;
            var product = await mediator.Send(new GetProduct(request.ProductCode), ct);
            var timeline = await queries.TimelineAsync(request.Id, includeInternal: false, ct);
            return new View(request, product?.Name(System.Globalization.CultureInfo.CurrentUICulture) ?? request.ProductCode, product?.Id, timeline,
                request.CanReopen(clock.GetUtcNow()));
        }

        private async Task<RequestRow?> VisibleAsync(ClaimsPrincipal user, long id, CancellationToken ct) =>
            await CustomerScope.OfAsync(user, mediator, ct) is { } scope && await queries.RequestAsync(id, ct) is { } request && scope.Sees(request) ? request : null;

    }

    internal sealed class StepHandler(IMediator mediator, RequestQueries queries, RequestWorkflow workflow)
        : IRequestHandler<Confirm, WorkflowOutcome>, IRequestHandler<Reopen, WorkflowOutcome>
    {
        public async Task<WorkflowOutcome> Handle(Confirm command, CancellationToken ct) =>
            await VisibleAsync(command.User, command.Id, ct) is null ? WorkflowOutcome.NotFound : await workflow.ConfirmAsync(command.Id, Actor.Of(command.User), ct);

        public async Task<WorkflowOutcome> Handle(Reopen command, CancellationToken ct) =>
            await VisibleAsync(command.User, command.Id, ct) is null ? WorkflowOutcome.NotFound : await workflow.ReopenAsync(command.Id, Actor.Of(command.User), ct);

        private async Task<RequestRow?> VisibleAsync(ClaimsPrincipal user, long id, CancellationToken ct) =>
            await CustomerScope.OfAsync(user, mediator, ct) is { } scope && await queries.RequestAsync(id, ct) is { } request && scope.Sees(request) ? request : null;
    }
}
