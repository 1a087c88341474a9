using Microsoft.Data.Sqlite;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Runs searches and suggestions against this node's SQLite FTS5 index. Visibility, organisation and
/// field filters sit in the same statement as MATCH, so hits, totals, facets and suggestions only
/// ever count documents the viewer may see.</summary>
internal sealed class Fts5SearchEngine(IndexStore store, SynonymStore synonyms) : ISearchEngine
{
    private const string Visible = """
        f.vis <= $vis AND (f.org_id IS NULL OR $allorgs = 1 OR f.org_id = $org)
        """;

    private static readonly string SearchByRelevance = SearchSql(IndexSchema.Bm25, "m.score, m.id");
    private static readonly string SearchByDate = SearchSql("0.0", "m.updated DESC, m.id DESC");

    private static readonly string SuggestSql = $"""
        SELECT d.title, d.url, d.type, d.lang FROM (
            SELECT f.id, {IndexSchema.Bm25} AS score FROM docs_fts JOIN facts f ON f.id = docs_fts.rowid
            WHERE docs_fts MATCH $match AND {Visible}
            ORDER BY score, f.id LIMIT $limit) s
        JOIN docs d ON d.id = s.id ORDER BY s.score, s.id
        """;

    private const string FindSql = $"SELECT d.url FROM docs d JOIN facts f ON f.id = d.id WHERE d.key = $key AND {Visible}";

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var page = Math.Clamp(request.Page, 1, SearchService.MaxPage);
        var pageSize = Math.Clamp(request.PageSize, 1, 50);
        var query = QueryParser.Parse(request.Query);
        var queryText = (request.Query ?? "").Trim();
        if (queryText.Length > QueryParser.MaxLength) queryText = queryText[..QueryParser.MaxLength];
        using var reader = store.TryRent();
        if (reader is null) return SearchResult.Empty(queryText, page, pageSize, ready: false);
        if (query.IsEmpty) return SearchResult.Empty(queryText, page, pageSize, ready: true);
        var synonymSet = await synonyms.CurrentAsync(ct);
        var filters = new Filters(
            Pick(request.Type, query, "type"), Pick(request.Product, query, "product"),
            Pick(request.Lang, query, "lang"), Pick(request.Category, query, "category"));
        var relaxation = Relaxation.Phrase;
        var result = Run(reader, query, relaxation, synonymSet, filters, request, page, pageSize);
        var exactTotal = result.Total;
        var canRelax = FtsExpression.CanRelax(query);
        while (canRelax && result.Total < SearchService.RelaxBelow && relaxation < Relaxation.AnyBigram)
        {
            relaxation++;
            result = Run(reader, query, relaxation, synonymSet, filters, request, page, pageSize);
        }
        var highlight = SnippetBuilder.Needles(query, relaxation, synonymSet);
        var hits = result.Hits.Select(h => h with { Snippet = SnippetBuilder.Build(h.Snippet, highlight) }).ToList();
        return new SearchResult(queryText, result.Total, page, pageSize, hits, result.Facets, relaxation, IndexReady: true) { ExactTotal = exactTotal };
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string? text, SearchViewer viewer, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var match = FtsExpression.TitlePrefix(text);
        if (match is null) return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        using var reader = store.TryRent();
        if (reader is null) return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        var command = reader.Command(SuggestSql);
        command.Parameters.AddWithValue("$match", match);
        AddViewer(command, viewer);
        command.Parameters.AddWithValue("$limit", SearchService.MaxSuggestions);
        var suggestions = new List<Suggestion>();
        using var rows = command.ExecuteReader();
        while (rows.Read()) suggestions.Add(new Suggestion(rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetString(3)));
        return Task.FromResult<IReadOnlyList<Suggestion>>(suggestions);
    }

    /// <summary>Up to <paramref name="max"/> documents of the given types the viewer may see that share
    /// words with <paramref name="text"/> (plain text such as a request's title: nothing in it is
    /// query syntax), best first, each with a snippet; empty while the index is not ready.</summary>
    public async Task<IReadOnlyList<SearchHit>> RelatedAsync(string? text, SearchViewer viewer, IReadOnlyList<string> types, int max, CancellationToken ct)
    {
        var match = FtsExpression.AnyToken(text, SearchService.MaxRelatedTokens);
        if (match is null || types.Count == 0 || max < 1) return [];
        var synonymSet = await synonyms.CurrentAsync(ct);
        using var reader = store.TryRent();
        if (reader is null) return [];
        var typeList = string.Join(", ", types.Select((_, i) => "$t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var command = reader.Command($"""
            SELECT d.key, d.type, d.lang, d.title, d.url, d.body, d.category, d.updated FROM (
                SELECT f.id, {IndexSchema.Bm25} AS score FROM docs_fts JOIN facts f ON f.id = docs_fts.rowid
                WHERE docs_fts MATCH $match AND {Visible} AND f.type IN ({typeList})
                ORDER BY score, f.id LIMIT $limit) s
            JOIN docs d ON d.id = s.id ORDER BY s.score, s.id
            """);
        command.Parameters.AddWithValue("$match", match);
        AddViewer(command, viewer);
        for (var i = 0; i < types.Count; i++) command.Parameters.AddWithValue("$t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), types[i]);
        command.Parameters.AddWithValue("$limit", Math.Min(max, 50));
        // Highlight the words as typed, and the bigrams of CJK runs (any of them may have matched).
        var words = TextAnalyzer.Clean(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new QueryUnit(w, Phrase: false, Prefix: false)).ToList();
        var needles = SnippetBuilder.Needles(new ParsedQuery([new QueryClause(words)], [], new Dictionary<string, string>()), Relaxation.AnyBigram, synonymSet);
        var hits = new List<SearchHit>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            var key = rows.GetString(0);
            hits.Add(new SearchHit(key, SearchService.SlugOf(key), rows.GetString(2), rows.GetString(1), rows.GetString(3), rows.GetString(4),
                SnippetBuilder.Build(rows.GetString(5), needles), rows.IsDBNull(6) ? null : rows.GetString(6),
                DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(7))));
        }
        return hits;
    }

    /// <summary>The link of a document the viewer may see, or null.</summary>
    public string? UrlOf(string key, SearchViewer viewer)
    {
        using var reader = store.TryRent();
        if (reader is null) return null;
        var command = reader.Command(FindSql);
        command.Parameters.AddWithValue("$key", key);
        AddViewer(command, viewer);
        return command.ExecuteScalar() as string;
    }

    private sealed record Filters(string? Type, string? Product, string? Lang, string? Category);

    private static string? Pick(string? requested, ParsedQuery query, string field)
    {
        var value = !string.IsNullOrWhiteSpace(requested) ? requested : query.Filters.GetValueOrDefault(field);
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = TextAnalyzer.Clean(value).Trim();
        return field is "type" or "lang" ? value.ToLowerInvariant() : value;
    }

    private static SearchResult Run(IndexReader reader, ParsedQuery query, Relaxation relaxation, SynonymSet synonymSet,
        Filters filters, SearchRequest request, int page, int pageSize)
    {
        var match = FtsExpression.Build(query, relaxation, synonymSet);
        if (match is null) return SearchResult.Empty(query.ToString(), page, pageSize, ready: true);
        var command = reader.Command(request.Sort == SearchSort.Date ? SearchByDate : SearchByRelevance);
        command.Parameters.AddWithValue("$match", match);
        AddViewer(command, request.Viewer);
        command.Parameters.AddWithValue("$type", (object?)filters.Type ?? DBNull.Value);
        command.Parameters.AddWithValue("$lang", (object?)filters.Lang ?? DBNull.Value);
        command.Parameters.AddWithValue("$category", (object?)filters.Category ?? DBNull.Value);
        command.Parameters.AddWithValue("$product", (object?)filters.Product ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", pageSize);
        command.Parameters.AddWithValue("$offset", (page - 1) * pageSize);

        var hits = new List<(SearchHit Hit, double Score)>();
        var facets = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal)
        {
            ["type"] = new(StringComparer.Ordinal), ["category"] = new(StringComparer.Ordinal),
            ["product"] = new(StringComparer.Ordinal), ["lang"] = new(StringComparer.Ordinal),
        };
        var total = 0;
        using (var rows = command.ExecuteReader())
        {
            while (rows.Read())
            {
                if (rows.GetString(0) == "h")
                {
                    var key = rows.GetString(1);
                    hits.Add((new SearchHit(key, SearchService.SlugOf(key), rows.GetString(3), rows.GetString(2), rows.GetString(4), rows.GetString(5),
                        rows.GetString(6), rows.IsDBNull(7) ? null : rows.GetString(7),
                        DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(8))), rows.GetDouble(9)));
                    continue;
                }
                // One row per combination of facet values: the counts add up per value.
                var count = (int)rows.GetInt64(9);
                total += count;
                Add("type", rows.GetString(2));
                Add("lang", rows.GetString(3));
                Add("category", rows.GetString(4));
                foreach (var product in rows.GetString(5).Split(IndexSchema.ProductSeparator, StringSplitOptions.RemoveEmptyEntries)) Add("product", product);

                void Add(string facet, string value)
                {
                    if (value.Length > 0) facets[facet][value] = facets[facet].GetValueOrDefault(value) + count;
                }
            }
        }
        var ordered = request.Sort == SearchSort.Date
            ? hits.OrderByDescending(h => h.Hit.Updated).ThenBy(h => h.Hit.Key, StringComparer.Ordinal)
            : hits.OrderBy(h => h.Score).ThenBy(h => h.Hit.Key, StringComparer.Ordinal);
        return new SearchResult("", total, page, pageSize, ordered.Select(h => h.Hit).ToList(),
            facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetValue>)f.Value.Select(v => new FacetValue(v.Key, v.Value))
                .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList()),
            relaxation, IndexReady: true);
    }

    private static void AddViewer(SqliteCommand command, SearchViewer viewer)
    {
        command.Parameters.AddWithValue("$vis", viewer.MaxVisibility);
        command.Parameters.AddWithValue("$allorgs", viewer.AllOrganisations ? 1 : 0);
        command.Parameters.AddWithValue("$org", viewer.OrganisationId is { } org ? org : -1L);
    }


    // One statement: the matches the viewer may see are materialized once (from the narrow facts
    // rows, with bm25 only when sorting by relevance), then the page of hits (with the original
    // body, for the snippet) and one count per combination of facet values are read from them.
    private static string SearchSql(string score, string order) => $"""
        WITH m AS MATERIALIZED (
            SELECT f.id, f.fk, f.updated, {score} AS score
            FROM docs_fts JOIN facts f ON f.id = docs_fts.rowid
            WHERE docs_fts MATCH $match AND {Visible}
              AND ($type IS NULL OR f.type = $type) AND ($lang IS NULL OR f.lang = $lang)
              AND ($category IS NULL OR f.category = $category)
              AND ($product IS NULL OR EXISTS (SELECT 1 FROM doc_products p WHERE p.doc_id = f.id AND p.product = $product))
        ),
        page AS (SELECT m.id, m.score FROM m ORDER BY {order} LIMIT $limit OFFSET $offset)
        SELECT 'h', d.key, d.type, d.lang, d.title, d.url, d.body, d.category, d.updated, page.score FROM page JOIN docs d ON d.id = page.id
        UNION ALL
        SELECT 'f', NULL, k.type, k.lang, k.category, k.products, NULL, NULL, NULL, c.n
        FROM (SELECT m.fk, count(*) AS n FROM m GROUP BY m.fk) c JOIN facet_keys k ON k.id = c.fk
        """;
}
