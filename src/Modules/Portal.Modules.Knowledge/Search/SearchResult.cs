namespace Portal.Modules.Knowledge.Search;

public sealed record SearchResult(
    string Query,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets,
    Relaxation Relaxation,
    bool IndexReady)
{
    /// <summary>How many documents matched the words as written, before any relaxation.</summary>
    public int ExactTotal { get; init; } = Total;

    /// <summary>True when nothing matched the words as written and the hits match only some of them.</summary>
    public bool OnlyPartialMatches => Relaxation is not (Relaxation.Phrase or Relaxation.Similar) && ExactTotal == 0 && Total > 0;

    /// <summary>True when nothing matched the words as written and the hits match words spelled like them.</summary>
    public bool ShowsSimilarWords => Relaxation == Relaxation.Similar && Total > 0;

    /// <summary>The words searched for instead of the typed ones, when that is simple to say; else empty.</summary>
    public IReadOnlyList<string> SimilarWords { get; init; } = [];

    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;

    internal static SearchResult Empty(string query, int page, int pageSize, bool ready) =>
        new(query, 0, page, pageSize, [], SearchService.EmptyFacets, Relaxation.Phrase, ready);
}
