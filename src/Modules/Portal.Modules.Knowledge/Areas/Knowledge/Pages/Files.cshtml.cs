using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Files;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

/// <summary>An image or attachment of an article, to whoever may read the article (staff: any
/// article). Raster images inline with their type; anything else (SVG too) as an attachment.</summary>
[AllowAnonymous]
public sealed class FilesModel(IDb db, IFileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var audience = Audience.Of(User);
        await using var c = await db.OpenAsync(ct);
        var file = await c.QuerySingleOrDefaultAsync<FileRow>($"""
            SELECT f.store_key AS StoreKey, f.file_name AS FileName, a.status AS Status, a.visibility AS Visibility
            FROM kb_files f JOIN kb_articles a ON a.id = f.article_id WHERE f.id = @id
            """, new { id });
        if (file is null) return NotFound();
        var visible = audience.IsStaff || (file.Status == ArticleVocabulary.Published && audience.MaySee(file.Visibility));
        if (!visible || files.OpenRead(file.StoreKey) is not { } stream) return NotFound();
        var (type, inline) = FileTypes.Serve(file.FileName);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        Response.Headers[HeaderNames.CacheControl] = "private, max-age=300";
        return File(stream, type);
    }

    private sealed class FileRow
    {
        public string StoreKey { get; set; } = "";
        public string FileName { get; set; } = "";
        public string Status { get; set; } = "";
        public string Visibility { get; set; } = "";
    }
}
