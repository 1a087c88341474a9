using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Import;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>Imports a zip in the content-folder format (what Export produces). Every file is
/// checked first; with any error nothing is imported and each error is listed with its line.
/// Articles are matched by language and slug, and published; unchanged ones are left alone.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ImportModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Entries of the archive that were not read, with why (shown after an import too, so none goes unnoticed).</summary>
    public IReadOnlyList<ContentImport.IgnoredFile> Ignored { get; private set; } = [];

    /// <summary>The outcome, when the page shows it instead of redirecting (some entries were ignored).</summary>
    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? archive, CancellationToken ct)
    {
        if (archive is null || archive.Length == 0)
        {
            ModelState.AddModelError("archive", localizer["Please choose a file."]);
            return Page();
        }
        if (archive.Length > ArticleArchive.MaxUpload)
        {
            ModelState.AddModelError("archive", localizer["The file is larger than {0} MB.", ArticleArchive.MaxUpload / 1024 / 1024]);
            return Page();
        }
        await using var upload = archive.OpenReadStream();
        var result = await mediator.Send(new Command(User, upload), ct);
        Ignored = result.Ignored;
        if (result.Errors.Count > 0)
        {
            Errors = result.Errors;
            ModelState.AddModelError("archive", localizer["Nothing was imported: the archive has errors."]);
            return Page();
        }
        var message = localizer["Imported: {0} articles created or updated, {1} unchanged.", result.Saved, result.Unchanged].Value;
        if (Ignored.Count > 0)
        {
            Message = message;
            return Page();
        }
        TempData["Message"] = message;
        return RedirectToPage("Index");
    }

    /// <summary>Either the errors (nothing was imported) or how many articles were written and left alone; and the entries not read.</summary>
    public sealed record Result(IReadOnlyList<string> Errors, int Saved, int Unchanged, IReadOnlyList<ContentImport.IgnoredFile> Ignored);

    public sealed record Command(ClaimsPrincipal User, Stream Archive) : IRequest<Result>;

    internal sealed class Handler(ArticleStore store) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            StaffOnly.Require(command.User);
            await using var archive = new MemoryStream();
            await command.Archive.CopyToAsync(archive, ct);
            archive.Position = 0;
            var contents = ArticleArchive.Read(archive);
            if (contents.Errors.Count > 0) return new Result(contents.Errors, 0, 0, contents.Ignored);
            var actor = Actor.Of(command.User);
            var (saved, unchanged) = (0, 0);
            foreach (var article in contents.Articles)
            {
                var status = await store.ImportAsync(article.Lang, article.Slug, article.File.Content, article.File.Updated, actor, ct);
                if (status == SaveStatus.Saved) saved++;
                else unchanged++;
            }
            return new Result([], saved, unchanged, contents.Ignored);
        }
    }
}
