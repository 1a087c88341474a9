using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Files;
using Portal.Modules.Core.Security;
using Portal.Modules.Core.Text;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;
using Portal.Web.Formatting;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>Create or edit an article. Preview renders the text through the same pipeline as
/// the article page without saving. Saving checks that nobody else saved in between; if someone
/// did, nothing is written, the editor's text stays in the form and the message says who.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer, DisplayTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public ArticleInput Input { get; set; } = new();

    public ArticleRow? Article { get; private set; }
    public string? PreviewHtml { get; private set; }
    public ArticleRow? ConflictWith { get; private set; }
    public VoteTally? Votes { get; private set; }
    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null) return Page();
        if (!await LoadAsync(ct)) return NotFound();
        Input = ArticleInput.From(Article!);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Id is not null && !await LoadAsync(ct)) return NotFound();
        PreviewHtml = await mediator.Send(new Preview(Input.Body), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (Id is not null && !await LoadAsync(ct)) return NotFound();
        var (content, field, error) = Input.Validate();
        if (content is null) ModelState.AddModelError($"{nameof(Input)}.{field}", localizer[error]);
        if (Id is null)
        {
            if (!ArticleVocabulary.Languages.Contains(Input.Lang)) ModelState.AddModelError("Input.Lang", localizer["Please choose a language."]);
            if (!ArticleVocabulary.IsSlug(Input.Slug))
                ModelState.AddModelError("Input.Slug", localizer["The slug may contain only lower-case letters, digits and single hyphens, e.g. login-blank-after-upgrade."]);
        }
        if (!ModelState.IsValid || content is null) return Page();

        var outcome = await mediator.Send(new Save(User, Id, Input.Lang, Input.Slug ?? "", Input.RowVersion, content), ct);
        return Finish(outcome, "The article has been saved.");
    }

    public async Task<IActionResult> OnPostStatusAsync(string status, CancellationToken ct)
    {
        if (Id is null || !await LoadAsync(ct)) return NotFound();
        if (!ArticleVocabulary.Statuses.Contains(status)) return BadRequest();
        // Only the version travels with a status change; the text fields are not part of it.
        ModelState.Clear();
        var outcome = await mediator.Send(new ChangeStatus(User, Id.Value, Input.RowVersion, status), ct);
        if (outcome.Status == SaveStatus.Conflict) Input = ArticleInput.From(outcome.Current!);
        return Finish(outcome, status switch
        {
            ArticleVocabulary.Published => "The article has been published.",
            ArticleVocabulary.Archived => "The article has been archived.",
            _ => "The article has been unpublished; it is a draft again.",
        });
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? upload, [FromForm(Name = UploadKey.FieldName)] string? uploadKey, CancellationToken ct)
    {
        if (Id is null || !await LoadAsync(ct)) return NotFound();
        Input = ArticleInput.From(Article!);
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("upload", localizer["Please choose a file."]);
            return Page();
        }
        await using var stream = upload.OpenReadStream();
        switch (await mediator.Send(new Attach(User, Id.Value, stream, upload.FileName, uploadKey), ct))
        {
            case AttachOutcome.NotFound:
                return NotFound();
            case AttachOutcome.TooLarge:
                ModelState.AddModelError("upload", localizer["The file is larger than {0} MB.", AttachmentStore.MaxUpload / 1024 / 1024]);
                return Page();
            default:
                TempData["Message"] = localizer["The file has been attached."].Value;
                return RedirectToPage("Edit", new { id = Id });
        }
    }

    private IActionResult Finish(SaveOutcome outcome, string message)
    {
        switch (outcome.Status)
        {
            case SaveStatus.NotFound:
                return NotFound();
            case SaveStatus.SlugTaken:
                ModelState.AddModelError("Input.Slug", localizer["An article with this slug already exists in this language."]);
                return Page();
            case SaveStatus.Conflict:
                // Nothing was written. The form keeps the editor's text; the next save is made
                // against the version now stored, so it replaces it on purpose.
                ConflictWith = outcome.Current;
                Input.RowVersion = outcome.Current!.RowVersion;
                ModelState.Remove("Input.RowVersion");
                ModelState.AddModelError("", localizer["{0} saved this article at {1} while you were editing. Nothing of yours was saved and your text is still below. Compare it with the current version, then save again to replace that version.",
                    outcome.Current.UpdatedByName ?? "?", time.DateTime(outcome.Current.UpdatedAt)]);
                return Page();
            case SaveStatus.Unchanged:
                TempData["Message"] = localizer["Nothing has changed."].Value;
                return RedirectToPage("Edit", new { id = outcome.Current!.Id });
            default:
                TempData["Message"] = localizer[message].Value;
                return RedirectToPage("Edit", new { id = outcome.Current!.Id });
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, Id!.Value), ct) is not { } editor) return false;
        (Article, Votes, Attachments) = (editor.Article, editor.Votes, editor.Attachments);
        return true;
    }

    /// <summary>An article as its editor shows it: the stored version, the readers' votes, its files.</summary>
    public sealed record Editor(ArticleRow Article, VoteTally Votes, IReadOnlyList<AttachmentRow> Attachments);

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<Editor?>;

    /// <summary>The text as the article page would render it, without saving.</summary>
    public sealed record Preview(string? Body) : IRequest<string>;

    /// <summary>Creates the article (no id) or saves new content over <paramref name="RowVersion"/>.</summary>
    public sealed record Save(ClaimsPrincipal User, long? Id, string Lang, string Slug, long RowVersion, ArticleContent Content) : IRequest<SaveOutcome>;

    public sealed record ChangeStatus(ClaimsPrincipal User, long Id, long RowVersion, string Status) : IRequest<SaveOutcome>;

    public enum AttachOutcome
    {
        Attached,
        NotFound,
        TooLarge,
    }

    /// <param name="UploadKey">The form's idempotency key: a retry of an upload that was attached attaches nothing more.</param>
    public sealed record Attach(ClaimsPrincipal User, long ArticleId, Stream Content, string FileName, string? UploadKey = null) : IRequest<AttachOutcome>;

    internal sealed class Handler(ArticleStore articles, VoteStore votes, AttachmentStore attachments)
        : IRequestHandler<Query, Editor?>, IRequestHandler<Preview, string>, IRequestHandler<Save, SaveOutcome>,
            IRequestHandler<ChangeStatus, SaveOutcome>, IRequestHandler<Attach, AttachOutcome>
    {
        public async Task<Editor?> Handle(Query query, CancellationToken ct)
        {
            StaffOnly.Require(query.User);
            if (await articles.FindAsync(query.Id, ct) is not { } article) return null;
            return new Editor(article, await votes.TallyAsync(article.Id, ct), await attachments.ListAsync(article.Id, ct));
        }

        public Task<string> Handle(Preview preview, CancellationToken ct) => Task.FromResult(SafeMarkdown.ToHtml(preview.Body));

        public Task<SaveOutcome> Handle(Save save, CancellationToken ct)
        {
            StaffOnly.Require(save.User);
            return save.Id is { } id
                ? articles.UpdateAsync(id, save.RowVersion, save.Content, Actor.Of(save.User), ct)
                : articles.CreateAsync(save.Lang, save.Slug, save.Content, Actor.Of(save.User), ct);
        }

        public Task<SaveOutcome> Handle(ChangeStatus change, CancellationToken ct)
        {
            StaffOnly.Require(change.User);
            return articles.SetStatusAsync(change.Id, change.RowVersion, change.Status, Actor.Of(change.User), ct);
        }

        public async Task<AttachOutcome> Handle(Attach attach, CancellationToken ct)
        {
            StaffOnly.Require(attach.User);
            if (await articles.FindAsync(attach.ArticleId, ct) is null) return AttachOutcome.NotFound;
            try
            {
                await attachments.AddAsync(attach.ArticleId, attach.Content, attach.FileName, attach.User.UserId(),
                    UploadKey.For(attach.UploadKey, attach.User.UserId()), ct);
                return AttachOutcome.Attached;
            }
            catch (FileTooLargeException)
            {
                return AttachOutcome.TooLarge;
            }
        }
    }
}
