using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Core.Text;
using Portal.Modules.Knowledge.Articles;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>An article's revision history; one revision shown rendered and as source; restoring it
/// makes its content current (as a new revision; nothing is lost).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RevisionsModel(ArticleStore store, RevisionQueries revisions, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? N { get; set; }

    public ArticleRow Article { get; private set; } = new();
    public IReadOnlyList<RevisionRow> History { get; private set; } = [];
    public RevisionRow? Selected { get; private set; }
    public string? SelectedHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await store.FindAsync(Id, ct) is not { } article) return NotFound();
        Article = article;
        History = await revisions.ListAsync(Id, ct);
        if (N is { } n)
        {
            Selected = History.FirstOrDefault(r => r.Number == n);
            if (Selected is null) return NotFound();
            SelectedHtml = SafeMarkdown.ToHtml(Selected.Body);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(long n, CancellationToken ct)
    {
        if (!User.IsStaff()) return Forbid();
        var outcome = await store.RestoreAsync(Id, n, Actor.Of(User), ct);
        switch (outcome.Status)
        {
            case SaveStatus.NotFound:
                return NotFound();
            case SaveStatus.Conflict:
                TempData["Message"] = localizer["Someone saved the article at the same moment; please try again."].Value;
                return RedirectToPage("Revisions", new { id = Id, n });
            case SaveStatus.Unchanged:
                TempData["Message"] = localizer["This revision is the same as the current version."].Value;
                return RedirectToPage("Edit", new { id = Id });
            default:
                TempData["Message"] = localizer["Revision {0} has been restored.", n].Value;
                return RedirectToPage("Edit", new { id = Id });
        }
    }
}
