using Microsoft.Data.Sqlite;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Runs searches and suggestions against this node's index. Visibility, organisation and
/// field filters sit in the same statement as MATCH, so hits, totals, facets and suggestions only
/// ever count documents the viewer may see.</summary>
internal sealed class SearchService(IndexStore store, SynonymStore synonyms)
{
    public const int DefaultPageSize = 10;
    public const int MaxPage = 100;
    public const int MaxSuggestions = 8;

    /// <summary>Below this many hits a CJK query is relaxed (phrase → all bigrams → any bigram).</summary>
    public const int RelaxBelow = 3;

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> EmptyFacets =
        new Dictionary<string, IReadOnlyList<FacetValue>> { ["type"] = [], ["category"] = [], ["product"] = [], ["lang"] = [] };

    private const string Visible = """
        d.vis <= $vis AND (d.org_id IS NULL OR $allorgs = 1 OR d.org_id = $org)
        """;

    private static readonly string SearchByRelevance = SearchSql("m.score, m.id");
    private static readonly string SearchByDate = SearchSql("m.updated DESC, m.id DESC");

    private static readonly string SuggestSql = $"""
        SELECT d.title, d.url, d.type, d.lang FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid
        WHERE docs_fts MATCH $match AND {Visible}
        ORDER BY {IndexSchema.Bm25}, d.id LIMIT $limit
        """;

    private const string FindSql = $"SELECT d.url FROM docs d WHERE d.key = $key AND {Visible}";

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var page = Math.Clamp(request.Page, 1, MaxPage);
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
        var canRelax = FtsExpression.CanRelax(query);
        while (canRelax && result.Total < RelaxBelow && relaxation < Relaxation.AnyBigram)
        {
            relaxation++;
            result = Run(reader, query, relaxation, synonymSet, filters, request, page, pageSize);
        }
        var highlight = SnippetBuilder.Needles(query, relaxation, synonymSet);
        var hits = result.Hits.Select(h => h with { Snippet = SnippetBuilder.Build(h.Snippet, highlight) }).ToList();
        return new SearchResult(queryText, result.Total, page, pageSize, hits, result.Facets, relaxation, IndexReady: true);
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
        command.Parameters.AddWithValue("$limit", MaxSuggestions);
        var suggestions = new List<Suggestion>();
        using var rows = command.ExecuteReader();
        while (rows.Read()) suggestions.Add(new Suggestion(rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetString(3)));
        return Task.FromResult<IReadOnlyList<Suggestion>>(suggestions);
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
        var facets = new Dictionary<string, List<FacetValue>>(StringComparer.Ordinal)
        {
            ["type"] = [], ["category"] = [], ["product"] = [], ["lang"] = [],
        };
        var total = 0;
        using (var rows = command.ExecuteReader())
        {
            while (rows.Read())
            {
                var kind = rows.GetString(0);
                if (kind == "h")
                {
                    var key = rows.GetString(1);
                    hits.Add((new SearchHit(key, SlugOf(key), rows.GetString(3), rows.GetString(2), rows.GetString(4), rows.GetString(5),
                        rows.GetString(6), rows.IsDBNull(7) ? null : rows.GetString(7),
                        DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(8))), rows.GetDouble(9)));
                    continue;
                }
                var count = (int)rows.GetInt64(9);
                if (kind == "n")
                {
                    total = count;
                    continue;
                }
                if (!rows.IsDBNull(7)) facets[kind].Add(new FacetValue(rows.GetString(7), count));
            }
        }
        var ordered = request.Sort == SearchSort.Date
            ? hits.OrderByDescending(h => h.Hit.Updated).ThenBy(h => h.Hit.Key, StringComparer.Ordinal)
            : hits.OrderBy(h => h.Score).ThenBy(h => h.Hit.Key, StringComparer.Ordinal);
        return new SearchResult("", total, page, pageSize, ordered.Select(h => h.Hit).ToList(),
            facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetValue>)f.Value.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList()),
            relaxation, IndexReady: true);
    }

    private static void AddViewer(SqliteCommand command, SearchViewer viewer)
    {
        command.Parameters.AddWithValue("$vis", viewer.MaxVisibility);
        command.Parameters.AddWithValue("$allorgs", viewer.AllOrganisations ? 1 : 0);
        command.Parameters.AddWithValue("$org", viewer.OrganisationId is { } org ? org : -1L);
    }

    public static string SlugOf(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon >= 0 ? key[(colon + 1)..] : key;
    }

    // One statement: the matches the viewer may see are materialized once, then the page of hits
    // (with the original body, for the snippet), the total and the four facets are read from them.
    private static string SearchSql(string order) => $"""
        WITH m AS MATERIALIZED (
            SELECT d.id, d.type, d.lang, d.category, d.updated, {IndexSchema.Bm25} AS score
            FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid
            WHERE docs_fts MATCH $match AND {Visible}
              AND ($type IS NULL OR d.type = $type) AND ($lang IS NULL OR d.lang = $lang)
              AND ($category IS NULL OR d.category = $category)
              AND ($product IS NULL OR EXISTS (SELECT 1 FROM doc_products p WHERE p.doc_id = d.id AND p.product = $product))
        ),
        page AS (SELECT m.id, m.score FROM m ORDER BY {order} LIMIT $limit OFFSET $offset)
        SELECT 'h', d.key, d.type, d.lang, d.title, d.url, d.body, d.category, d.updated, page.score FROM page JOIN docs d ON d.id = page.id
        UNION ALL SELECT 'n', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*) FROM m
        UNION ALL SELECT 'type', NULL, NULL, NULL, NULL, NULL, NULL, type, NULL, count(*) FROM m GROUP BY type
        UNION ALL SELECT 'lang', NULL, NULL, NULL, NULL, NULL, NULL, lang, NULL, count(*) FROM m GROUP BY lang
        UNION ALL SELECT 'category', NULL, NULL, NULL, NULL, NULL, NULL, category, NULL, count(*) FROM m GROUP BY category
        UNION ALL SELECT 'product', NULL, NULL, NULL, NULL, NULL, NULL, p.product, NULL, count(*) FROM m JOIN doc_products p ON p.doc_id = m.id GROUP BY p.product
        """;
}
