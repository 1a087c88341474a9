using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Knowledge.Domain;
using Portal.Web.Paging;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>What readers see: only published articles whose visibility the audience may see, in
/// every list, count and link. The visibility list comes from <see cref="Audience"/> constants.</summary>
public sealed class ArticleQueries(IDb db)
{
    public const int FaqsPerCategory = 8;
    public const int ListSize = 8;
    public const int PageSize = 20;
    public const int MaxSummaries = 50;

    private static string Visible(Audience audience) =>
        $"a.status = '{ArticleVocabulary.Published}' AND a.visibility IN ({audience.SqlList})";

    public async Task<KnowledgeHome> HomeAsync(string lang, Audience audience, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var where = $"{Visible(audience)} AND a.lang = @lang";
        var categories = (await c.QueryAsync<CategoryCount>(
            $"SELECT a.category AS Category, COUNT(*) AS Count FROM kb_articles a WHERE {where} GROUP BY a.category ORDER BY a.category", new { lang })).ToList();
        var faqs = (await c.QueryAsync<ArticleSummary>(
            $"SELECT {ArticleSummary.Columns} FROM kb_articles a WHERE {where} AND a.type = '{ArticleVocabulary.Faq}' ORDER BY a.view_count DESC, a.title", new { lang }))
            .GroupBy(a => a.Category)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ArticleSummary>)g.Take(FaqsPerCategory).ToList(), StringComparer.Ordinal);
        var mostViewed = (await c.QueryAsync<ArticleSummary>(
            $"SELECT {ArticleSummary.Columns} FROM kb_articles a WHERE {where} AND a.view_count > 0 ORDER BY a.view_count DESC, a.id LIMIT {ListSize}", new { lang })).ToList();
        var recent = (await c.QueryAsync<ArticleSummary>(
            $"SELECT {ArticleSummary.Columns} FROM kb_articles a WHERE {where} ORDER BY a.updated_at DESC, a.id DESC LIMIT {ListSize}", new { lang })).ToList();
        return new KnowledgeHome(categories, faqs, mostViewed, recent);
    }

    public async Task<PagedList<ArticleSummary>> CategoryAsync(string lang, string category, Audience audience, int page, CancellationToken ct)
    {
        page = PagedList<ArticleSummary>.Normalize(page);
        await using var c = await db.OpenAsync(ct);
        var where = $"{Visible(audience)} AND a.lang = @lang AND a.category = @category";
        var args = new { lang, category, Take = PageSize, Skip = PagedList<ArticleSummary>.Offset(page, PageSize) };
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM kb_articles a WHERE {where}", args);
        var items = (await c.QueryAsync<ArticleSummary>(
            $"SELECT {ArticleSummary.Columns} FROM kb_articles a WHERE {where} ORDER BY a.type, a.title, a.id LIMIT @Take OFFSET @Skip", args)).ToList();
        return new PagedList<ArticleSummary>(items, page, PageSize, total);
    }

    public async Task<ArticleRow?> ReadAsync(string lang, string slug, Audience audience, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ArticleRow>(
            $"SELECT {ArticleRow.Columns} FROM kb_articles a WHERE a.lang = @lang AND a.slug = @slug AND {Visible(audience)}", new { lang, slug });
    }

    /// <summary>The same slug in the other languages, when the audience may read it.</summary>
    public async Task<IReadOnlyList<ArticleSummary>> TranslationsAsync(string lang, string slug, Audience audience, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ArticleSummary>(
            $"SELECT {ArticleSummary.Columns} FROM kb_articles a WHERE a.slug = @slug AND a.lang <> @lang AND {Visible(audience)} ORDER BY a.lang",
            new { lang, slug })).ToList();
    }

    /// <summary>Same language; ranked by shared tags, then same category, then views.</summary>
    public async Task<IReadOnlyList<ArticleSummary>> RelatedAsync(ArticleRow article, Audience audience, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ArticleSummary>($"""
            SELECT {ArticleSummary.Columns}
            FROM kb_articles a
            LEFT JOIN (SELECT t.article_id, COUNT(*) AS shared FROM kb_article_tags t
                       WHERE t.tag IN (SELECT tag FROM kb_article_tags WHERE article_id = @Id) GROUP BY t.article_id) s ON s.article_id = a.id
            WHERE {Visible(audience)} AND a.lang = @Lang AND a.id <> @Id AND (s.shared > 0 OR a.category = @Category)
            ORDER BY COALESCE(s.shared, 0) DESC, CASE WHEN a.category = @Category THEN 0 ELSE 1 END, a.view_count DESC, a.id
            LIMIT 5
            """, new { article.Id, article.Lang, article.Category })).ToList();
    }

    /// <summary>The readable articles among <paramref name="slugs"/> of one language, in the order given.</summary>
    public async Task<IReadOnlyList<ArticleSummary>> SummariesAsync(string lang, IReadOnlyList<string> slugs, Audience audience, CancellationToken ct)
    {
        if (slugs.Count == 0) return [];
        if (slugs.Count > MaxSummaries) slugs = [.. slugs.Take(MaxSummaries)];
        // A few slugs: one parameter each (Dapper would send a list to Npgsql as one array parameter).
        var args = new DynamicParameters(new { lang });
        for (var i = 0; i < slugs.Count; i++) args.Add("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), slugs[i]);
        var list = string.Join(", ", Enumerable.Range(0, slugs.Count).Select(i => "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await using var c = await db.OpenAsync(ct);
        var found = (await c.QueryAsync<ArticleSummary>(
            $"SELECT {ArticleSummary.Columns} FROM kb_articles a WHERE a.lang = @lang AND a.slug IN ({list}) AND {Visible(audience)}", args))
            .ToDictionary(a => a.Slug, StringComparer.Ordinal);
        return [.. slugs.Where(found.ContainsKey).Select(s => found[s])];
    }

    /// <summary>Public articles of one language, newest first, for the Atom feed.</summary>
    public async Task<IReadOnlyList<ArticleRow>> FeedAsync(string lang, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ArticleRow>(
            $"SELECT {ArticleRow.Columns} FROM kb_articles a WHERE {Visible(Audience.Anonymous)} AND a.lang = @lang ORDER BY a.updated_at DESC, a.id DESC LIMIT 50",
            new { lang })).ToList();
    }

    /// <summary>Staff's list: every status and visibility, filtered.</summary>
    public async Task<PagedList<ArticleSummary>> ManageAsync(string? status, string? lang, string? text, int page, CancellationToken ct)
    {
        page = PagedList<ArticleSummary>.Normalize(page);
        var conditions = new List<string>();
        if (status is not null && ArticleVocabulary.Statuses.Contains(status)) conditions.Add("a.status = @status");
        if (lang is not null && ArticleVocabulary.Languages.Contains(lang)) conditions.Add("a.lang = @lang");
        if (!string.IsNullOrWhiteSpace(text)) conditions.Add($"(a.title {db.Dialect.ILike} @pattern ESCAPE '\\' OR a.slug {db.Dialect.ILike} @pattern ESCAPE '\\')");
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        var pattern = "%" + (text ?? "").Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var args = new { status, lang, pattern, Take = PageSize, Skip = PagedList<ArticleSummary>.Offset(page, PageSize) };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM kb_articles a {where}", args);
        var items = (await c.QueryAsync<ArticleSummary>(
            $"SELECT {ArticleSummary.Columns} FROM kb_articles a {where} ORDER BY a.updated_at DESC, a.id DESC LIMIT @Take OFFSET @Skip", args)).ToList();
        return new PagedList<ArticleSummary>(items, page, PageSize, total);
    }
}
