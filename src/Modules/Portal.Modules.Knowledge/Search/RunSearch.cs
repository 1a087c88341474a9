using System.Security.Claims;
using MediatR;

namespace Portal.Modules.Knowledge.Search;

/// <summary>The search both the search page and /api/search run: the caller's visibility comes from
/// their sign-in, never from the request; the first page of every search is logged (without the caller).</summary>
public sealed record RunSearch(
    ClaimsPrincipal User, string? Q, string? Type, string? Product, string? Lang, string? Category, int Page, string? Sort)
    : IRequest<SearchResult>
{
    internal sealed class Handler(SearchService search, SearchLog log) : IRequestHandler<RunSearch, SearchResult>
    {
        public async Task<SearchResult> Handle(RunSearch request, CancellationToken ct)
        {
            var sort = string.Equals(request.Sort, "date", StringComparison.OrdinalIgnoreCase) ? SearchSort.Date : SearchSort.Relevance;
            var result = await search.SearchAsync(new SearchRequest(request.Q, SearchViewer.From(request.User), request.Type, request.Product,
                request.Lang, request.Category, request.Page, sort), ct);
            if (result.Page == 1 && result.IndexReady) log.Searched(result.Query, result.Total);
            return result;
        }
    }
}
