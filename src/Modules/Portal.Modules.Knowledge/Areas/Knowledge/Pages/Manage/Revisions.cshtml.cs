using System.Security.Claims;
using MediatR;
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
public sealed class RevisionsModel(IMediator mediator, IStringLocalizer localizer) : PageModel
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
        if (await mediator.Send(new Query(User, Id, N), ct) is not { } found) return NotFound();
        (Article, History, Selected, SelectedHtml) = (found.Article, found.Revisions, found.Selected, found.SelectedHtml);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(long n, CancellationToken ct)
    {
        var outcome = await mediator.Send(new Restore(User, Id, n), ct);
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

    /// <summary>The article, its revisions newest first and, when one was asked for, that revision rendered.</summary>
    public sealed record RevisionHistory(ArticleRow Article, IReadOnlyList<RevisionRow> Revisions, RevisionRow? Selected, string? SelectedHtml);

    /// <summary>Null when the article, or the revision <paramref name="Number"/> of it, does not exist.</summary>
    public sealed record Query(ClaimsPrincipal User, long Id, long? Number) : IRequest<RevisionHistory?>;

    public sealed record Restore(ClaimsPrincipal User, long Id, long Number) : IRequest<SaveOutcome>;

    internal sealed class Handler(ArticleStore articles, RevisionQueries revisions)
        : IRequestHandler<Query, RevisionHistory?>, IRequestHandler<Restore, SaveOutcome>
    {
        public async Task<RevisionHistory?> Handle(Query query, CancellationToken ct)
        {
            StaffOnly.Require(query.User);
            if (await articles.FindAsync(query.Id, ct) is not { } article) return null;
            var list = await revisions.ListAsync(query.Id, ct);
            if (query.Number is not { } n) return new RevisionHistory(article, list, null, null);
            return list.FirstOrDefault(r => r.Number == n) is { } selected
                ? new RevisionHistory(article, list, selected, SafeMarkdown.ToHtml(selected.Body))
                : null;
        }

        public Task<SaveOutcome> Handle(Restore restore, CancellationToken ct)
        {
            StaffOnly.Require(restore.User);
            return articles.RestoreAsync(restore.Id, restore.Number, Actor.Of(restore.User), ct);
        }
    }
}
