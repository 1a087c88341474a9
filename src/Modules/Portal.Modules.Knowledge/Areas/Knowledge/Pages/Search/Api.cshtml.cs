using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Search;

/// <summary>GET /api/search?q=&amp;type=&amp;product=&amp;lang=&amp;category=&amp;sort=&amp;page= as JSON,
/// with the caller's visibility (anonymous callers see public documents only). While the index is
/// being built, ready is false and notice says so in the caller's language.</summary>
[IgnoreAntiforgeryToken]
public sealed class ApiModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q, string? type, string? product, string? lang, string? category, string? sort,
        int page = 1, CancellationToken ct = default)
    {
        var result = await mediator.Send(new RunSearch(User, q, type, product, lang, category, page, sort), ct);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            query = result.Query,
            total = result.Total,
            page = result.Page,
            pageSize = result.PageSize,
            ready = result.IndexReady,
            notice = result.IndexReady ? null : localizer["The search index is being rebuilt; results may be incomplete."].Value,
            hits = result.Hits.Select(h => new { slug = h.Slug, lang = h.Lang, type = h.Type, title = h.Title, url = h.Url, snippet = h.Snippet,
                product = h.Product, version = h.Version, severity = h.Severity }),
            facets = result.Facets.ToDictionary(f => f.Key, f => f.Value.ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal), StringComparer.Ordinal),
        });
    }
}
