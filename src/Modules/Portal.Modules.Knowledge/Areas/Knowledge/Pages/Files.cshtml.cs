using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Data;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;
using Portal.Web.Files;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

/// <summary>An image or attachment of an article, to whoever may read the article (staff: any
/// article). Raster images inline with their type; anything else (SVG too) as an attachment; sent by
/// Portal.Web's <see cref="StoredFileResult"/>, as downloads are.</summary>
[AllowAnonymous]
public sealed class FilesModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await mediator.Send(new Query(User, id), ct) is { } file ? new StoredFileResult(file) : NotFound();

    /// <summary>The file, or null when there is none or the user may not read its article.</summary>
    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<FileToServe?>;

    internal sealed class Handler(IDb db) : IRequestHandler<Query, FileToServe?>
    {
        public async Task<FileToServe?> Handle(Query query, CancellationToken ct)
        {
            var audience = Audience.Of(query.User);
            await using var c = await db.OpenAsync(ct);
            var file = await c.QuerySingleOrDefaultAsync<FileRow>("""
                SELECT f.store_key AS StoreKey, f.file_name AS FileName, f.sha256 AS Sha256, f.created_at AS CreatedAt,
                    a.status AS Status, a.visibility AS Visibility
                FROM kb_files f JOIN kb_articles a ON a.id = f.article_id WHERE f.id = @Id
                """, new { query.Id });
            if (file is null) return null;
            var visible = audience.IsStaff || (file.Status == ArticleVocabulary.Published && audience.MaySee(file.Visibility));
            return visible
                ? new FileToServe(file.StoreKey, file.FileName, file.CreatedAt, file.Sha256) { ImagesInline = true, CacheControl = "private, max-age=300" }
                : null;
        }

        private sealed class FileRow
        {
            public string StoreKey { get; set; } = "";
            public string FileName { get; set; } = "";
            public string Sha256 { get; set; } = "";
            public DateTimeOffset CreatedAt { get; set; }
            public string Status { get; set; } = "";
            public string Visibility { get; set; } = "";
        }
    }
}
