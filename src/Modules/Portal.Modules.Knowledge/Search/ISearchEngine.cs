namespace Portal.Modules.Knowledge.Search;

/// <summary>The index searches run on (setting Search:Engine): the SQLite FTS5 index or Lucene.
/// Every method filters by the viewer inside the engine's own query.</summary>
internal interface ISearchEngine
{
    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct);

    Task<IReadOnlyList<Suggestion>> SuggestAsync(string? text, SearchViewer viewer, CancellationToken ct);

    Task<IReadOnlyList<SearchHit>> RelatedAsync(string? text, SearchViewer viewer, IReadOnlyList<string> types, int max, CancellationToken ct);

    string? UrlOf(string key, SearchViewer viewer);

    /// <summary>Documents like the indexed document <paramref name="key"/> (see <see cref="SearchService.MoreLikeAsync"/>);
    /// null when this engine cannot tell.</summary>
    Task<IReadOnlyList<SearchHit>?> MoreLikeAsync(string key, IReadOnlyList<string> products, SearchViewer viewer, IReadOnlyList<string> types,
        int max, CancellationToken ct) => Task.FromResult<IReadOnlyList<SearchHit>?>(null);
}
