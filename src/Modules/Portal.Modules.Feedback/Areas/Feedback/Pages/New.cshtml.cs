using System.Globalization;
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
using Portal.Modules.Feedback.Deflection;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Sla;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Web.Files;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages;

/// <summary>A customer contact submits a problem, suggestion or complaint about a product of the
/// organisation's installed base. The form is streamed (attachments go straight into the file
/// store); anything wrong re-renders the form with the reason and leaves nothing stored. The
/// response target comes from the service contract at this moment; without one the request is
/// accepted but no due time is promised. While the title is typed, knowledge articles that may
/// answer the question are suggested (deflection: each form load is a session, see Deflection/).</summary>
[Authorize(Policy = PortalPolicies.Customer)]
[IgnoreAntiforgeryToken(Order = 1001)]
[StreamedUpload]
public sealed class NewModel(IMediator mediator, IAntiforgery antiforgery, IStringLocalizer localizer, IOptions<FeedbackOptions> options) : PageModel
{
    public InputModel Input { get; private set; } = new();

    public Form? Choices { get; private set; }

    /// <summary>The description rendered by the safe Markdown pipeline, after "Preview".</summary>
    public string? PreviewHtml { get; private set; }

    public FeedbackOptions Options => options.Value;

    /// <summary>This form load's deflection session (a hidden field); null for anyone but a customer contact.</summary>
    public Guid? DeflectionSession { get; private set; }

    /// <summary>Articles suggested for the title, shown after "Preview" (or any re-render) without JavaScript.</summary>
    public IReadOnlyList<SuggestedArticle> Suggestions { get; private set; } = [];

    public const string DeflectionField = "DeflectionSession";

    public sealed class InputModel
    {
        public string Type { get; set; } = RequestVocabulary.Problem;
        public string? Installation { get; set; }
        public int? Severity { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? ContactPhone { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? type, CancellationToken ct)
    {
        if (RequestVocabulary.Types.Contains(type ?? "")) Input.Type = type!;
        if (await LoadAsync(ct) is { } refused) return refused;
        DeflectionSession = await mediator.Send(new StartDeflection(User), ct);
        return Page();
    }

    /// <summary>GET /Feedback/New?handler=Suggestions&amp;session=…&amp;q=…: the suggestions list for the
    /// title typed so far, as the partial the form shows (fetched by feedback-deflection.js).</summary>
    public async Task<IActionResult> OnGetSuggestionsAsync(Guid? session, string? q, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var suggestions = await mediator.Send(new Suggest(User, session, q), ct);
        return Partial("_DeflectionSuggestions", new DeflectionSuggestions(session, suggestions));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var staged = new List<StagedAttachment>();
        string? attachmentError = null;
        var tooLarge = false;
        var o = options.Value;
        var form = await StreamedForm.ReadAsync(HttpContext, antiforgery, (o.MaxAttachmentBytes + 1024 * 1024) * o.MaxAttachmentsPerPost, async (name, body, uploadKey) =>
        {
            if (attachmentError is not null) return;
            if (staged.Count >= o.MaxAttachmentsPerPost)
            {
                attachmentError = localizer["At most {0} attachments at a time.", o.MaxAttachmentsPerPost];
                return;
            }
            var result = await mediator.Send(new Stage(User, name, body, uploadKey), ct);
            if (result.File is { } file) staged.Add(file);
            else if (tooLarge = result.Outcome == StageOutcome.TooLarge)
                attachmentError = localizer["The attachment {0} is larger than {1}.", name, Sizes.Format(o.MaxAttachmentBytes)];
            else attachmentError = localizer["Files of the type of {0} cannot be attached. Allowed: {1}", name, string.Join(" ", o.AllowedExtensions)];
        }, ct);
        if (form is null)
        {
            await mediator.Send(new Discard(User, staged), ct);
            return BadRequest();
        }
        if (await mediator.Send(new Recorded(User, null, staged), ct) is { } recorded)
        {
            // A retry of a submission that went through (its answer was lost): answer it again.
            await mediator.Send(new Discard(User, [.. staged.Where(s => !s.Repeated)]), ct);
            TempData["Notice"] = localizer["Thank you. Your request has been received under the reference {0}; we have emailed you a confirmation.", recorded.Reference].Value;
            return RedirectToPage("/Request", new { id = recorded.Id });
        }
        Input = new InputModel
        {
            Type = form["Input.Type"] ?? "", Installation = form["Input.Installation"], Title = form["Input.Title"], Description = form["Input.Description"],
            ContactPhone = form["Input.ContactPhone"],
            Severity = int.TryParse(form["Input.Severity"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null,
        };
        DeflectionSession = Guid.TryParse(form[DeflectionField], out var session) ? session : await mediator.Send(new StartDeflection(User), ct);
        if (form.Has("preview"))
        {
            await mediator.Send(new Discard(User, staged), ct);
            PreviewHtml = SafeMarkdown.ToHtml(Input.Description);
            Suggestions = await mediator.Send(new Suggest(User, DeflectionSession, Input.Title), ct);
            return Page();
        }
        var submitted = await mediator.Send(new Submit(User, Input, staged, attachmentError), ct);
        if (submitted.Problems.Count > 0)
        {
            foreach (var p in submitted.Problems) ModelState.AddModelError(p.Field, p.Field == "Input.Attachments" ? p.Message : localizer[p.Message]);
            if (tooLarge) Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            Suggestions = await mediator.Send(new Suggest(User, DeflectionSession, Input.Title), ct);
            return Page();
        }
        if (DeflectionSession is { } submittedSession) await mediator.Send(new DeflectionSubmitted(User, submittedSession, submitted.Id), ct);
        TempData["Notice"] = localizer["Thank you. Your request has been received under the reference {0}; we have emailed you a confirmation.", submitted.Reference!].Value;
        return RedirectToPage("/Request", new { id = submitted.Id });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Choices = await mediator.Send(new Query(User), ct);
        return Choices is null ? Forbid() : null;
    }

    /// <summary>A product the organisation runs, as a choice: "CODE|version".</summary>
    public sealed record InstalledChoice(string Value, string ProductCode, string ProductName, string Version, string? Site);

    /// <summary>The response target for one severity (1–5) and product; null Respond when not covered.</summary>
    public sealed record TargetChoice(int Severity, string ProductCode, TimeSpan? Respond, bool BusinessHours);

    public sealed record Form(IReadOnlyList<InstalledChoice> Installations, IReadOnlyList<TargetChoice> Targets);

    public sealed record Query(ClaimsPrincipal User) : IRequest<Form?>;

    /// <param name="UploadKey">The file's idempotency key (the form's key and the file's position), when the form had one.</param>
    public sealed record Stage(ClaimsPrincipal User, string FileName, Stream Content, string? UploadKey = null) : IRequest<(StageOutcome Outcome, StagedAttachment? File)>;

    /// <summary>The request (<paramref name="RequestId"/>, when given, and of the user's organisation) that already
    /// records an attachment an earlier try of this form stored: the post was a retry of one that went through.</summary>
    public sealed record Recorded(ClaimsPrincipal User, long? RequestId, IReadOnlyList<StagedAttachment> Staged) : IRequest<RequestRow?>;

    public sealed record Discard(ClaimsPrincipal User, IReadOnlyList<StagedAttachment> Staged) : IRequest<Unit>;

    /// <summary>A problem with the input: the field and the English message (a localizer key), or an already localized attachment message.</summary>
    public sealed record Problem(string Field, string Message);

    public sealed record Submitted(long Id, string? Reference, IReadOnlyList<Problem> Problems);

    /// <summary>Checks and stores a submission with its staged attachments (deleted when anything is wrong).</summary>
    public sealed record Submit(ClaimsPrincipal User, InputModel Input, IReadOnlyList<StagedAttachment> Staged, string? AttachmentError) : IRequest<Submitted>;

    /// <summary>The suggestions partial's model: the session its links record openings for.</summary>
    public sealed record DeflectionSuggestions(Guid? Session, IReadOnlyList<SuggestedArticle> Articles);

    /// <summary>Starts a deflection session for this form load; null when the user is not a customer contact.</summary>
    public sealed record StartDeflection(ClaimsPrincipal User) : IRequest<Guid?>;

    /// <summary>Up to five articles the user may read for the title; marks the user's session as "suggestions shown" when there are any.</summary>
    public sealed record Suggest(ClaimsPrincipal User, Guid? Session, string? Title) : IRequest<IReadOnlyList<SuggestedArticle>>;

    /// <summary>The form of the user's session was submitted as request <paramref name="RequestId"/>.</summary>
    public sealed record DeflectionSubmitted(ClaimsPrincipal User, Guid Session, long RequestId) : IRequest<Unit>;

    public const int MaxSuggestions = 5;

    public const int TitleLength = 200;
    public const int DescriptionLength = 20_000;
    public const int PhoneLength = 40;

    internal sealed class Handler(IMediator mediator, AttachmentStager stager, TimeProvider clock)
        : IRequestHandler<Query, Form?>, IRequestHandler<Stage, (StageOutcome, StagedAttachment?)>, IRequestHandler<Discard, Unit>
    {
        public async Task<Form?> Handle(Query query, CancellationToken ct)
        {
            if (query.User.OrganisationId() is not { } organisation) return null;
            var culture = CultureInfo.CurrentUICulture;
            var installations = await mediator.Send(new ListInstallations(organisation), ct);
            var choices = new List<InstalledChoice>();
            var targets = new List<TargetChoice>();
            var now = clock.GetUtcNow();
            foreach (var code in installations.Select(i => i.ProductCode).Distinct())
            {
                var product = await mediator.Send(new GetProduct(code), ct);
                foreach (var i in installations.Where(i => i.ProductCode == code))
                    choices.Add(new InstalledChoice(Value(code, i.Version.ToString()), code, product?.Name(culture) ?? code, i.Version.ToString(), i.Site));
                for (var severity = 1; severity <= 5; severity++)
                {
                    var t = await mediator.Send(new SlaTargets(organisation, code, severity, now), ct);
                    targets.Add(new TargetChoice(severity, code, t.Covered ? t.Respond : null, t.BusinessHours));
                }
            }
            return new Form([.. choices.DistinctBy(c => c.Value)], targets);
        }

        public async Task<(StageOutcome, StagedAttachment?)> Handle(Stage command, CancellationToken ct) =>
            command.User.OrganisationId() is null && !command.User.IsStaff() ? (StageOutcome.Disallowed, null) : await stager.StageAsync(command.FileName, command.Content, Core.Files.UploadKey.For(command.UploadKey, command.User.UserId()), ct);

        public Task<Unit> Handle(Discard command, CancellationToken ct)
        {
            stager.Discard(command.Staged);
            return Task.FromResult(Unit.Value);
        }
    }

    internal sealed class RecordedHandler(RequestQueries queries) : IRequestHandler<Recorded, RequestRow?>
    {
        public async Task<RequestRow?> Handle(Recorded query, CancellationToken ct)
        {
            var repeated = query.Staged.Where(s => s.Repeated).Select(s => s.Key).ToList();
            if (repeated.Count == 0 || await queries.RequestOfStoredFileAsync(repeated, query.RequestId, ct) is not { } id) return null;
            var row = await queries.RequestAsync(id, ct);
            return row is not null && (query.RequestId is not null || row.OrganisationId == query.User.OrganisationId()) ? row : null;
        }
    }

    internal sealed class DeflectionHandler(IMediator mediator, DeflectionSessions sessions)
        : IRequestHandler<StartDeflection, Guid?>, IRequestHandler<Suggest, IReadOnlyList<SuggestedArticle>>, IRequestHandler<DeflectionSubmitted, Unit>
    {
        public Task<Guid?> Handle(StartDeflection command, CancellationToken ct) => sessions.StartAsync(command.User, ct);

        public async Task<IReadOnlyList<SuggestedArticle>> Handle(Suggest query, CancellationToken ct)
        {
            if (query.User.OrganisationId() is null || query.User.IsStaff()) return [];
            var articles = await mediator.Send(new SuggestArticles(query.User, query.Title, MaxSuggestions), ct);
            if (articles.Count > 0 && query.Session is { } session) await sessions.ShownAsync(query.User, session, ct);
            return articles;
        }

        public async Task<Unit> Handle(DeflectionSubmitted command, CancellationToken ct)
        {
            await sessions.SubmittedAsync(command.User, command.Session, command.RequestId, ct);
            return Unit.Value;
        }
    }

    /// <summary>Separate from the form's handler: only a submission needs the service clock.</summary>
    internal sealed class SubmitHandler(IMediator mediator, AttachmentStager stager, RequestWorkflow workflow, IServiceClock serviceClock, TimeProvider clock)
        : IRequestHandler<Submit, Submitted>
    {

        public async Task<Submitted> Handle(Submit command, CancellationToken ct)
        {
            var problems = new List<Problem>();
            if (command.User.OrganisationId() is not { } organisation || command.User.UserId() is not { } userId)
            {
                stager.Discard(command.Staged);
                return new Submitted(0, null, [new Problem("", "Only customer contacts can submit requests.")]);
            }
            var input = command.Input;
            if (command.AttachmentError is { } error) problems.Add(new Problem("Input.Attachments", error));
            if (!RequestVocabulary.Types.Contains(input.Type)) problems.Add(new Problem("Input.Type", "Choose what kind of request this is."));
            var installations = await mediator.Send(new ListInstallations(organisation), ct);
            var installed = installations.FirstOrDefault(i => Value(i.ProductCode, i.Version.ToString()) == input.Installation);
            if (installed is null) problems.Add(new Problem("Input.Installation", "Choose a product your organisation has installed."));
            int? severity = input.Type == RequestVocabulary.Problem ? input.Severity : null;
            if (input.Type == RequestVocabulary.Problem && severity is not (>= 1 and <= 4)) problems.Add(new Problem("Input.Severity", "Choose a severity."));
            var title = (input.Title ?? "").Trim();
            if (title.Length == 0) problems.Add(new Problem("Input.Title", "Enter a title."));
            else if (title.Length > TitleLength) problems.Add(new Problem("Input.Title", "A title may have at most 200 characters."));
            var description = (input.Description ?? "").Trim();
            if (description.Length == 0) problems.Add(new Problem("Input.Description", "Describe the request."));
            else if (description.Length > DescriptionLength) problems.Add(new Problem("Input.Description", "The description may have at most 20,000 characters."));
            var phone = (input.ContactPhone ?? "").Trim();
            if (phone.Length > PhoneLength || phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '#')))
                problems.Add(new Problem("Input.ContactPhone", "Enter a phone number with digits, spaces, +, -, ( ) and # only (at most 40 characters)."));
            if (problems.Count > 0)
            {
                stager.Discard(command.Staged);
                return new Submitted(0, null, problems);
            }
            var now = clock.GetUtcNow();
            SlaPlan plan;
            try
            {
                plan = await SlaPlan.ForAsync(mediator, serviceClock, organisation, installed!.ProductCode, input.Type, severity, now, ct);
            }
            catch
            {
                stager.Discard(command.Staged);
                throw;
            }
            var actor = Actor.Of(command.User);
            var email = command.User.FindFirstValue(ClaimTypes.Email) ?? command.User.Identity?.Name ?? "";
            var language = command.User.FindFirstValue(PortalClaims.Language) ?? "zh-CN";
            var row = await workflow.CreateAsync(new NewRequest(organisation, actor with { Id = userId }, email, language, phone, input.Type,
                installed!.ProductCode, installed.Version.ToString(), severity, title, description), plan, command.Staged, ct);
            return new Submitted(row.Id, row.Reference, []);
        }
    }

    public static string Value(string productCode, string version) => productCode + "|" + version;
}
