using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Files;
using Portal.Modules.Core.Security;
using Portal.Modules.Core.Text;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>Create or edit an article. Preview renders the text through the same pipeline as
/// the article page without saving. Saving checks that nobody else saved in between; if someone
/// did, nothing is written, the editor's text stays in the form and the message says who.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(ArticleStore store, VoteStore votes, IDb db, IFileStore files, TimeProvider clock, IStringLocalizer localizer) : PageModel
{
    public const long MaxUpload = 20 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public ArticleInput Input { get; set; } = new();

    public ArticleRow? Article { get; private set; }
    public string? PreviewHtml { get; private set; }
    public ArticleRow? ConflictWith { get; private set; }
    public VoteTally? Votes { get; private set; }
    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    public sealed class AttachmentRow
    {
        public long Id { get; set; }
        public string FileName { get; set; } = "";
        public long Size { get; set; }
        public string Url => $"/Knowledge/Files/{Id}/{Uri.EscapeDataString(FileName)}";
        public bool IsImage => FileTypes.Serve(FileName).Inline;
    }

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
        PreviewHtml = SafeMarkdown.ToHtml(Input.Body);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!User.IsStaff()) return Forbid();
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

        var outcome = Id is null
            ? await store.CreateAsync(Input.Lang, Input.Slug!, content, Actor.Of(User), ct)
            : await store.UpdateAsync(Id.Value, Input.RowVersion, content, Actor.Of(User), ct);
        return Finish(outcome, "The article has been saved.");
    }

    public async Task<IActionResult> OnPostStatusAsync(string status, CancellationToken ct)
    {
        if (!User.IsStaff()) return Forbid();
        if (Id is null || !await LoadAsync(ct)) return NotFound();
        if (!ArticleVocabulary.Statuses.Contains(status)) return BadRequest();
        // Only the version travels with a status change; the text fields are not part of it.
        ModelState.Clear();
        var outcome = await store.SetStatusAsync(Id.Value, Input.RowVersion, status, Actor.Of(User), ct);
        if (outcome.Status == SaveStatus.Conflict) Input = ArticleInput.From(outcome.Current!);
        return Finish(outcome, status switch
        {
            ArticleVocabulary.Published => "The article has been published.",
            ArticleVocabulary.Archived => "The article has been archived.",
            _ => "The article has been unpublished; it is a draft again.",
        });
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? upload, CancellationToken ct)
    {
        if (!User.IsStaff()) return Forbid();
        if (Id is null || !await LoadAsync(ct)) return NotFound();
        Input = ArticleInput.From(Article!);
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("upload", localizer["Please choose a file."]);
            return Page();
        }
        StoredFile stored;
        try
        {
            await using var stream = upload.OpenReadStream();
            stored = await files.SaveAsync(stream, MaxUpload, ct);
        }
        catch (FileTooLargeException)
        {
            ModelState.AddModelError("upload", localizer["The file is larger than {0} MB.", MaxUpload / 1024 / 1024]);
            return Page();
        }
        var name = FileTypes.CleanName(upload.FileName);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO kb_files (article_id, store_key, file_name, size, sha256, created_at, created_by)
            VALUES (@Id, @Key, @name, @Size, @Sha256, @now, @user)
            """, new { Id, stored.Key, name, stored.Size, stored.Sha256, now = clock.GetUtcNow(), user = User.UserId() }, tx), ct);
        TempData["Message"] = localizer["The file has been attached."].Value;
        return RedirectToPage("Edit", new { id = Id });
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
                    outcome.Current.UpdatedByName ?? "?", outcome.Current.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)]);
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
        Article = await store.FindAsync(Id!.Value, ct);
        if (Article is null) return false;
        Votes = await votes.TallyAsync(Article.Id, ct);
        await using var c = await db.OpenAsync(ct);
        Attachments = (await c.QueryAsync<AttachmentRow>(
            "SELECT id AS Id, file_name AS FileName, size AS Size FROM kb_files WHERE article_id = @Id ORDER BY id", new { Article.Id })).ToList();
        return true;
    }
}
