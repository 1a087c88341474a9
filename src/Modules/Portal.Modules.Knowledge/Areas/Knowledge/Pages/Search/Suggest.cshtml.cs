using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Search;

/// <summary>GET /api/search/suggest?q= : up to eight titles the caller may see, for the search box.</summary>
[IgnoreAntiforgeryToken]
public sealed class SuggestModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken ct)
    {
        var suggestions = await mediator.Send(new SuggestTitles(User, q), ct);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(suggestions.Select(s => new { title = s.Title, url = s.Url, type = s.Type, lang = s.Lang }));
    }
}
