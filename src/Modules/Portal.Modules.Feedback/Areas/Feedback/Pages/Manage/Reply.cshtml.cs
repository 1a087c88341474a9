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
using Portal.Modules.Core.Text;
using Portal.Modules.Feedback.Attachments;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Team;
using Portal.Web.Files;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage;

/// <summary>Staff answer a request publicly (the customer is emailed) or write an internal note (never
/// shown or sent to the customer), with attachments streamed into the file store and an optional status
/// afterwards. "Preview" renders the Markdown. A refused post keeps the typed text, shows the current
/// state and stores no file.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
[IgnoreAntiforgeryToken(Order = 1001)]
[StreamedUpload]
public sealed class ReplyModel(IMediator mediator, IAntiforgery antiforgery, IStringLocalizer localizer, IOptions<FeedbackOptions> options) : PageModel
{
    public RequestModel.View? Item { get; private set; }

    public Form Input { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if ((Item = await mediator.Send(new RequestModel.Query(User, id), ct)) is null) return NotFound();
        Input = new Form(Item.Request, null, false, null, null, options.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if ((Item = await mediator.Send(new RequestModel.Query(User, id), ct)) is null) return NotFound();
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
            TempData["Notice"] = localizer[form["Visibility"] == "internal" ? "Your internal note has been added." : "Your reply has been sent to the customer."].Value;
            return RedirectToPage("/Manage/Request", new { id });
        }
        var text = form["Text"]?.Trim();
        var isInternal = form["Visibility"] == "internal";
        var statusAfter = string.IsNullOrEmpty(form["StatusAfter"]) ? null : form["StatusAfter"];
        var rowVersion = int.TryParse(form["RowVersion"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        Input = new Form(Item.Request, text, isInternal, statusAfter, null, options.Value);
        if (form.Has("preview"))
        {
            await mediator.Send(new NewModel.Discard(User, staged), ct);
            Input = Input with { PreviewHtml = SafeMarkdown.ToHtml(text) };
            return Page();
        }
        var problem = error ?? ReplyForm.Check(text, localizer)
            ?? (statusAfter is not null && !RequestVocabulary.StaffStatuses.Contains(statusAfter) ? localizer["Choose a status."].Value : null);
        if (problem is not null)
        {
            await mediator.Send(new NewModel.Discard(User, staged), ct);
            ModelState.AddModelError("Text", problem);
            if (tooLarge) Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }
        var outcome = await mediator.Send(new Send(User, id, rowVersion, text!, isInternal, statusAfter, staged), ct);
        if (outcome == WorkflowOutcome.NotFound) return NotFound();
        if (outcome != WorkflowOutcome.Done)
        {
            ModelState.AddModelError("", RequestModel.OutcomeMessage(outcome, localizer));
            if ((Item = await mediator.Send(new RequestModel.Query(User, id), ct)) is null) return NotFound();
            Input = Input with { Request = Item.Request };
            if (outcome == WorkflowOutcome.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Notice"] = localizer[isInternal ? "Your internal note has been added." : "Your reply has been sent to the customer."].Value;
        return RedirectToPage("/Manage/Request", new { id });
    }

    /// <summary>The reply form as shown: the request (its row version goes with the post) and what was typed.</summary>
    public sealed record Form(RequestRow Request, string? Text, bool Internal, string? StatusAfter, string? PreviewHtml, FeedbackOptions Options);

    public sealed record Send(ClaimsPrincipal User, long Id, int RowVersion, string Text, bool Internal, string? StatusAfter,
        IReadOnlyList<StagedAttachment> Staged) : IRequest<WorkflowOutcome>;

    internal sealed class SendHandler(RequestQueries queries, TeamDirectory team, RequestWorkflow workflow, AttachmentStager stager)
        : IRequestHandler<Send, WorkflowOutcome>
    {
        public async Task<WorkflowOutcome> Handle(Send command, CancellationToken ct)
        {
            if (await StaffAccess.RequestAsync(command.User, command.Id, queries, team, ct) is null)
            {
                stager.Discard(command.Staged);
                return WorkflowOutcome.NotFound;
            }
            return await workflow.StaffReplyAsync(command.Id, command.RowVersion, Actor.Of(command.User), command.Text, command.Internal,
                command.StatusAfter, command.Staged, ct);
        }
    }
}
