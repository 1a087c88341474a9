using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Attachments;
using Portal.Modules.Feedback.Requests;
using Portal.Web.Files;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages;

/// <summary>The customer replies to their request, with attachments (streamed into the file store;
/// a refused reply keeps none). A reply to a request waiting on the customer, or with a proposed
/// solution, puts it back to work. A closed request takes no reply.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
[IgnoreAntiforgeryToken(Order = 1001)]
[StreamedUpload]
public sealed class ReplyModel(IMediator mediator, IAntiforgery antiforgery, IStringLocalizer localizer, IOptions<FeedbackOptions> options) : PageModel
{
    public RequestRow? Item { get; private set; }

    public string? Text { get; private set; }

    public FeedbackOptions Options => options.Value;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Item = await mediator.Send(new Query(User, id), ct);
        return Item is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if ((Item = await mediator.Send(new Query(User, id), ct)) is null) return NotFound();
        var (form, staged, error, tooLarge) = await ReplyForm.ReadAsync(HttpContext, antiforgery, localizer, options.Value,
            (name, body, uploadKey) => mediator.Send(new NewModel.Stage(User, name, body, uploadKey), ct), ct);
        if (form is null)
        {
            await mediator.Send(new NewModel.Discard(User, staged), ct);
            return BadRequest();
        }
        if (await mediator.Send(new NewModel.Recorded(User, id, staged), ct) is not null)
        {
            // A retry of a reply that went through (its answer was lost): answer it again.
            await mediator.Send(new NewModel.Discard(User, [.. staged.Where(s => !s.Repeated)]), ct);
            TempData["Notice"] = localizer["Your reply has been added."].Value;
            return RedirectToPage("/Request", new { id });
        }
        Text = form["Text"]?.Trim();
        var problem = error ?? ReplyForm.Check(Text, localizer);
        if (problem is not null)
        {
            await mediator.Send(new NewModel.Discard(User, staged), ct);
            ModelState.AddModelError("Text", problem);
            if (tooLarge) Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }
        var outcome = await mediator.Send(new Send(User, id, Text!, staged), ct);
        if (outcome == WorkflowOutcome.NotFound) return NotFound();
        if (outcome == WorkflowOutcome.Closed)
        {
            ModelState.AddModelError("", localizer["This request is closed and takes no more replies. Reopen it, or submit a new request."]);
            return Page();
        }
        TempData["Notice"] = localizer["Your reply has been added."].Value;
        return RedirectToPage("/Request", new { id });
    }

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<RequestRow?>;

    public sealed record Send(ClaimsPrincipal User, long Id, string Text, IReadOnlyList<StagedAttachment> Staged) : IRequest<WorkflowOutcome>;

    internal sealed class Handler(IMediator mediator, RequestQueries queries) : IRequestHandler<Query, RequestRow?>
    {
        public async Task<RequestRow?> Handle(Query query, CancellationToken ct) =>
            await CustomerScope.OfAsync(query.User, mediator, ct) is { } scope && await queries.RequestAsync(query.Id, ct) is { } r && scope.Sees(r) ? r : null;
    }

    internal sealed class SendHandler(IMediator mediator, RequestWorkflow workflow, AttachmentStager stager) : IRequestHandler<Send, WorkflowOutcome>
    {
        public async Task<WorkflowOutcome> Handle(Send command, CancellationToken ct)
        {
            if (await mediator.Send(new Query(command.User, command.Id), ct) is null)
            {
                stager.Discard(command.Staged);
                return WorkflowOutcome.NotFound;
            }
            return await workflow.CustomerReplyAsync(command.Id, Actor.Of(command.User), command.Text, command.Staged, ct);
        }
    }
}
