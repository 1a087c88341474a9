using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Search;

/// <summary>GET /api/search/suggest?q= : up to eight titles the caller may see, for the search box.</summary>
[IgnoreAntiforgeryToken]
public sealed class SuggestModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken ct)
    {
        var suggestions = await mediator.Send(new Query(User, q), ct);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(suggestions.Select(s => new { title = s.Title, url = s.Url, type = s.Type, lang = s.Lang }));
    }

    public sealed record Query(ClaimsPrincipal User, string? Q) : IRequest<IReadOnlyList<Suggestion>>;

    internal sealed class Handler(SearchService search) : IRequestHandler<Query, IReadOnlyList<Suggestion>>
    {
        public Task<IReadOnlyList<Suggestion>> Handle(Query query, CancellationToken ct) =>
            search.SuggestAsync(query.Q, SearchViewer.From(query.User), ct);
    }
}
