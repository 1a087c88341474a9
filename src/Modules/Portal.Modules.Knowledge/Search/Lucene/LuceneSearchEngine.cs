using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Searches the Lucene index. The viewer's visibility and organisation and the chosen
/// type, product, language and category are a filter inside the query, so the top k, the total
/// and the facet counts (over every match, from doc values) only ever see allowed documents.</summary>
internal sealed class LuceneSearchEngine(LuceneIndex index, SynonymStore synonyms)
{
    private const int MaxCachedViewers = 1024;

    /// <summary>Each viewer's visibility filter, its bitsets cached per index segment (most searches
    /// come from a few kinds of viewer; the cache is dropped when it grows past its size).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SearchViewer, Filter> viewerFilters = new();

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var page = Math.Clamp(request.Page, 1, SearchService.MaxPage);
        var pageSize = Math.Clamp(request.PageSize, 1, 50);
        var query = QueryParser.Parse(request.Query);
        var queryText = (request.Query ?? "").Trim();
        if (queryText.Length > QueryParser.MaxLength) queryText = queryText[..QueryParser.MaxLength];
        if (!index.IsOpen) return SearchResult.Empty(queryText, page, pageSize, ready: false);
        if (query.IsEmpty) return SearchResult.Empty(queryText, page, pageSize, ready: true);
        var synonymSet = await synonyms.CurrentAsync(ct);
        var searcher = index.Acquire();
        if (searcher is null) return SearchResult.Empty(queryText, page, pageSize, ready: false);
        try
        {
            var filter = new Filters(ViewerFilter(request.Viewer), FieldFilter([
                (LuceneDocuments.Type, Pick(request.Type, query, "type")), (LuceneDocuments.Product, Pick(request.Product, query, "product")),
                (LuceneDocuments.Lang, Pick(request.Lang, query, "lang")), (LuceneDocuments.Category, Pick(request.Category, query, "category"))]));
            var relaxation = Relaxation.Phrase;
            var run = Run(searcher, query, relaxation, synonymSet, filter, request.Sort, page, pageSize);
            var exactTotal = run.Total;
            var canRelax = LuceneQueries.CanRelax(query);
            while (canRelax && run.Total < SearchService.RelaxBelow && relaxation < Relaxation.AnyBigram)
            {
                relaxation++;
                run = Run(searcher, query, relaxation, synonymSet, filter, request.Sort, page, pageSize);
            }
            if (run.Total == 0 && LuceneFuzzy.Run(searcher, query, synonymSet, filter.Apply, page, pageSize) is { } similar)
            {
                var similarMatches = BodyMatches.Of(similar.Query);
                return similar.Result(queryText, page, pageSize, d => Hit(searcher, d, similarMatches, similar.Words));
            }
            var needles = SnippetBuilder.Needles(query, relaxation, synonymSet);
            var matches = BodyMatches.Of(run.Text);
            var hits = run.Docs.Select(d => Hit(searcher, d, matches, needles)).ToList();
            return new SearchResult(queryText, run.Total, page, pageSize, hits, run.Facets, relaxation, IndexReady: true) { ExactTotal = exactTotal };
        }
        finally
        {
            index.Release(searcher);
        }
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string? text, SearchViewer viewer, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (LuceneSuggestions.Query(text) is not { } prefix) return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        var searcher = index.Acquire();
        if (searcher is null) return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        try
        {
            var top = searcher.Search(new FilteredQuery(prefix, ViewerFilter(viewer)), SearchService.MaxSuggestions);
            IReadOnlyList<Suggestion> suggestions = top.ScoreDocs.Select(d => searcher.Doc(d.Doc))
                .Select(d => new Suggestion(d.Get(LuceneDocuments.Title), d.Get(LuceneDocuments.Url), d.Get(LuceneDocuments.Type), d.Get(LuceneDocuments.Lang)))
                .ToList();
            return Task.FromResult(suggestions);
        }
        finally
        {
            index.Release(searcher);
        }
    }

    public async Task<IReadOnlyList<SearchHit>> RelatedAsync(string? text, SearchViewer viewer, IReadOnlyList<string> types, int max, CancellationToken ct)
    {
        if (types.Count == 0 || max < 1 || LuceneQueries.AnyWord(text, SearchService.MaxRelatedTokens) is not { } any) return [];
        var synonymSet = await synonyms.CurrentAsync(ct);
        var searcher = index.Acquire();
        if (searcher is null) return [];
        try
        {
            var filter = Filter(viewer, []);
            var typeFilter = new BooleanQuery();
            foreach (var type in types) typeFilter.Add(new TermQuery(new Term(LuceneDocuments.Type, type)), Occur.SHOULD);
            filter.Add(typeFilter, Occur.MUST);
            var top = searcher.Search(new FilteredQuery(any, new QueryWrapperFilter(filter)), Math.Min(max, 50));
            var words = TextAnalyzer.Clean(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => new QueryUnit(w, Phrase: false, Prefix: false)).ToList();
            var needles = SnippetBuilder.Needles(new ParsedQuery([new QueryClause(words)], [], new Dictionary<string, string>()), Relaxation.AnyBigram, synonymSet);
            var matches = BodyMatches.Of(any);
            return top.ScoreDocs.Select(d => Hit(searcher, d, matches, needles)).ToList();
        }
        finally
        {
            index.Release(searcher);
        }
    }

    public string? UrlOf(string key, SearchViewer viewer)
    {
        var searcher = index.Acquire();
        if (searcher is null) return null;
        try
        {
            var top = searcher.Search(new FilteredQuery(new TermQuery(new Term(LuceneDocuments.Key, key)), ViewerFilter(viewer)), 1);
            return top.ScoreDocs.Length == 0 ? null : searcher.Doc(top.ScoreDocs[0].Doc).Get(LuceneDocuments.Url);
        }
        finally
        {
            index.Release(searcher);
        }
    }

    public Task<IReadOnlyList<SearchHit>?> MoreLikeAsync(string key, IReadOnlyList<string> products, SearchViewer viewer, IReadOnlyList<string> types,
        int max, CancellationToken ct) => Task.FromResult(LuceneRelated.Find(index, ViewerFilter(viewer), key, products, types, max));

    private sealed record Outcome(int Total, IReadOnlyList<ScoreDoc> Docs, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, Query? Text);

    private sealed record Filters(Filter Viewer, Filter? Fields)
    {
        public Query Apply(Query text)
        {
            Query query = new FilteredQuery(text, Viewer);
            return Fields is null ? query : new FilteredQuery(query, Fields);
        }
    }

    private Filter ViewerFilter(SearchViewer viewer)
    {
        if (viewerFilters.TryGetValue(viewer, out var cached)) return cached;
        if (viewerFilters.Count >= MaxCachedViewers) viewerFilters.Clear();
        return viewerFilters.GetOrAdd(viewer, v => new CachingWrapperFilter(new QueryWrapperFilter(Filter(v, []))));
    }

    private static QueryWrapperFilter? FieldFilter(IReadOnlyList<(string Field, string? Value)> fields)
    {
        var filter = new BooleanQuery();
        foreach (var (field, value) in fields)
            if (value is not null) filter.Add(new TermQuery(new Term(field, value)), Occur.MUST);
        return filter.Clauses.Count == 0 ? null : new QueryWrapperFilter(filter);
    }

    private static Outcome Run(IndexSearcher searcher, ParsedQuery query, Relaxation relaxation, SynonymSet synonymSet, Filters filter,
        SearchSort sort, int page, int pageSize)
    {
        var text = LuceneQueries.Text(query, relaxation, synonymSet);
        if (text is null) return new Outcome(0, [], SearchService.EmptyFacets, null);
        var wanted = page * pageSize;
        ITopDocsCollector top = sort == SearchSort.Date
            ? TopFieldCollector.Create(new Sort(new SortField(LuceneDocuments.Updated, SortFieldType.INT64, true), new SortField(LuceneDocuments.Key, SortFieldType.STRING)),
                wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false)
            : TopScoreDocCollector.Create(wanted, docsScoredInOrder: false);
        var facets = new FacetCollector();
        searcher.Search(filter.Apply(text), MultiCollector.Wrap((ICollector)top, facets));
        var docs = top.GetTopDocs((page - 1) * pageSize, pageSize).ScoreDocs;
        return new Outcome(facets.Total, docs, facets.Facets(), text);
    }

    /// <summary>A hit with its snippet: around the matches the body's term vector gives; when the words
    /// matched only through bigrams or codes, around the text's own matches of the needles.</summary>
    private static SearchHit Hit(IndexSearcher searcher, ScoreDoc scoreDoc, BodyMatches matches, IReadOnlyList<string> needles)
    {
        var doc = searcher.Doc(scoreDoc.Doc);
        var body = doc.Get(LuceneDocuments.Body) ?? "";
        var key = doc.Get(LuceneDocuments.Key);
        var updated = doc.GetField(LuceneDocuments.Updated)?.GetInt64Value() ?? 0;
        return LuceneHitDetails.With(new SearchHit(key, SearchService.SlugOf(key), doc.Get(LuceneDocuments.Lang), doc.Get(LuceneDocuments.Type), doc.Get(LuceneDocuments.Title),
            doc.Get(LuceneDocuments.Url), Snippet(searcher.IndexReader, scoreDoc.Doc, body, matches, needles), doc.Get(LuceneDocuments.Category), DateTimeOffset.FromUnixTimeMilliseconds(updated)), doc);
    }

    private static string Snippet(Lucene.Net.Index.IndexReader reader, int doc, string body, BodyMatches matches, IReadOnlyList<string> needles) =>
        matches.In(reader, doc) is { Count: > 0 } found ? SnippetBuilder.Build(body, found) : SnippetBuilder.Build(body, needles);

    private static BooleanQuery Filter(SearchViewer viewer, IReadOnlyList<(string Field, string? Value)> fields)
    {
        var filter = new BooleanQuery();
        var visibility = new BooleanQuery();
        for (var rank = 0; rank <= Math.Min(viewer.MaxVisibility, 2); rank++)
            visibility.Add(new TermQuery(new Term(LuceneDocuments.Visibility, rank.ToString(CultureInfo.InvariantCulture))), Occur.SHOULD);
        filter.Add(visibility, Occur.MUST);
        if (!viewer.AllOrganisations)
        {
            var organisation = new BooleanQuery { { new TermQuery(new Term(LuceneDocuments.Organisation, LuceneDocuments.AnyOrganisation)), Occur.SHOULD } };
            if (viewer.OrganisationId is { } org)
                organisation.Add(new TermQuery(new Term(LuceneDocuments.Organisation, org.ToString(CultureInfo.InvariantCulture))), Occur.SHOULD);
            filter.Add(organisation, Occur.MUST);
        }
        foreach (var (field, value) in fields)
            if (value is not null) filter.Add(new TermQuery(new Term(field, value)), Occur.MUST);
        return filter;
    }

    private static string? Pick(string? requested, ParsedQuery query, string field)
    {
        var value = !string.IsNullOrWhiteSpace(requested) ? requested : query.Filters.GetValueOrDefault(field);
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = TextAnalyzer.Clean(value).Trim();
        return field is "type" or "lang" ? value.ToLowerInvariant() : value;
    }
}
