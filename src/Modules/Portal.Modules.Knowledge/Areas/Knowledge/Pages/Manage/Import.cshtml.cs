using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
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
        if (result.Errors.Count > 0)
        {
            Errors = result.Errors;
            ModelState.AddModelError("archive", localizer["Nothing was imported: the archive has errors."]);
            return Page();
        }
        TempData["Message"] = localizer["Imported: {0} articles created or updated, {1} unchanged.", result.Saved, result.Unchanged].Value;
        return RedirectToPage("Index");
    }

    /// <summary>Either the errors (nothing was imported) or how many articles were written and left alone.</summary>
    public sealed record Result(IReadOnlyList<string> Errors, int Saved, int Unchanged);

    public sealed record Command(ClaimsPrincipal User, Stream Archive) : IRequest<Result>;

    internal sealed class Handler(ArticleStore store) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            StaffOnly.Require(command.User);
            await using var archive = new MemoryStream();
            await command.Archive.CopyToAsync(archive, ct);
            archive.Position = 0;
            var (articles, errors) = ArticleArchive.Read(archive);
            if (errors.Count > 0) return new Result(errors, 0, 0);
            var actor = Actor.Of(command.User);
            var (saved, unchanged) = (0, 0);
            foreach (var article in articles)
            {
                var status = await store.ImportAsync(article.Lang, article.Slug, article.File.Content, article.File.Updated, actor, ct);
                if (status == SaveStatus.Saved) saved++;
                else unchanged++;
            }
            return new Result([], saved, unchanged);
        }
    }
}
