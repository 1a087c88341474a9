namespace Portal.Modules.Knowledge.Search;

/// <summary>Runs searches and suggestions on this node's Lucene index. Visibility, organisation and
/// field filters are part of the query, so hits, totals, facets and suggestions only ever count
/// documents the viewer may see.</summary>
internal sealed class SearchService(LuceneSearchEngine engine, ISearchIndexMaintainer maintainer)
{
    public const int DefaultPageSize = 10;
    public const int MaxPage = 100;
    public const int MaxSuggestions = 8;

    /// <summary>The words of a text that related documents are looked up by.</summary>
    public const int MaxRelatedTokens = 32;

    /// <summary>Below this many hits a CJK query is relaxed (phrase → all bigrams → any bigram).</summary>
    public const int RelaxBelow = 3;

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> EmptyFacets =
        new Dictionary<string, IReadOnlyList<FacetValue>> { ["type"] = [], ["category"] = [], ["product"] = [], ["lang"] = [] };

    /// <summary>While the index is being built the result says so (IndexReady false): it may miss documents.</summary>
    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var result = await engine.SearchAsync(request, ct);
        return result.IndexReady && maintainer.IsRebuilding ? result with { IndexReady = false } : result;
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string? text, SearchViewer viewer, CancellationToken ct) =>
        engine.SuggestAsync(text, viewer, ct);

    /// <summary>Up to <paramref name="max"/> documents of the given types the viewer may see that share
    /// words with <paramref name="text"/> (plain text such as a request's title: nothing in it is
    /// query syntax), best first, each with a snippet; empty while the index is not ready.</summary>
    public Task<IReadOnlyList<SearchHit>> RelatedAsync(string? text, SearchViewer viewer, IReadOnlyList<string> types, int max, CancellationToken ct) =>
        engine.RelatedAsync(text, viewer, types, max, ct);

    /// <summary>Up to <paramref name="max"/> documents of the given types like the indexed document
    /// <paramref name="key"/>: in its language, never itself, only ones the viewer may see, within
    /// <paramref name="products"/> unless none there is alike. Null when the index cannot tell (not
    /// ready, the document not indexed yet).</summary>
    public Task<IReadOnlyList<SearchHit>?> MoreLikeAsync(string key, IReadOnlyList<string> products, SearchViewer viewer, IReadOnlyList<string> types,
        int max, CancellationToken ct) => engine.MoreLikeAsync(key, products, viewer, types, max, ct);

    /// <summary>The link of a document the viewer may see, or null.</summary>
    public string? UrlOf(string key, SearchViewer viewer) => engine.UrlOf(key, viewer);

    public static string SlugOf(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon >= 0 ? key[(colon + 1)..] : key;
    }
}
