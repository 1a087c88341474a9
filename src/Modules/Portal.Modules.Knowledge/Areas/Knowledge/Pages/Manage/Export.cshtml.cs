using System.IO.Compression;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Import;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>A zip of knowledge/&lt;lang&gt;/&lt;slug&gt;.md for every published article, in the
/// format `Portal.Host import` reads (drafts and archived articles are left out: the format has no
/// status, and an import publishes).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ExportModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var zip = await mediator.Send(new Query(User), ct);
        return File(zip.Content, "application/zip", zip.FileName);
    }

    public sealed record Zip(Stream Content, string FileName);

    public sealed record Query(ClaimsPrincipal User) : IRequest<Zip>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Query, Zip>
    {
        public async Task<Zip> Handle(Query query, CancellationToken ct)
        {
            StaffOnly.Require(query.User);
            var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                await using var c = await db.OpenAsync(ct);
                var rows = await c.QueryAsync<ArticleRow>(
                    $"SELECT {ArticleRow.Columns} FROM kb_articles a WHERE a.status = '{ArticleVocabulary.Published}' ORDER BY a.lang, a.slug");
                foreach (var row in rows)
                {
                    var entry = archive.CreateEntry($"knowledge/{row.Lang}/{row.Slug}.md", CompressionLevel.Optimal);
                    await using var writer = new StreamWriter(await entry.OpenAsync(ct), new System.Text.UTF8Encoding(false));
                    await writer.WriteAsync(ArticleFile.Write(row));
                }
            }
            zip.Position = 0;
            var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
            return new Zip(zip, $"knowledge-{stamp}.zip");
        }
    }
}
