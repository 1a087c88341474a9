using Portal.Modules.Knowledge.Contracts;
using System.Runtime.CompilerServices;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Text;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>Published articles, FAQs and known issues as the search index sees them.</summary>
internal sealed class ArticleSearchSource(IDb db) : ISearchDocumentSource
{
    private const int BatchSize = 500;

    public async Task<long> ChangeSequenceAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT value FROM kb_change_sequence WHERE id = 1");
    }

    /// <summary>From kb_search_changes; null when its oldest row is newer than the change after
    /// <paramref name="sequence"/> (pruned, or made before the record existed).</summary>
    public async Task<IReadOnlyList<string>?> ChangedKeysAfterAsync(long sequence, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var current = await c.ExecuteScalarAsync<long>("SELECT value FROM kb_change_sequence WHERE id = 1");
        if (current <= sequence) return [];
        var oldest = await c.ExecuteScalarAsync<long?>("SELECT MIN(sequence) FROM kb_search_changes");
        if (oldest is null || oldest > sequence + 1) return null;
        return (await c.QueryAsync<string>(
            "SELECT DISTINCT search_key FROM kb_search_changes WHERE sequence > @sequence", new { sequence })).ToList();
    }

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            List<ArticleRow> batch;
            await using (var c = await db.OpenAsync(ct))
            {
                batch = (await c.QueryAsync<ArticleRow>($"""
                    SELECT {ArticleRow.Columns} FROM kb_articles a
                    WHERE a.status = '{ArticleVocabulary.Published}' AND a.id > @after
                    ORDER BY a.id LIMIT {BatchSize}
                    """, new { after })).ToList();
            }
            foreach (var row in batch) yield return ToDocument(row);
            if (batch.Count < BatchSize) yield break;
            after = batch[^1].Id;
        }
    }

    public async Task<SearchDocument?> FindAsync(string key, CancellationToken ct)
    {
        var parts = key.Split(':');
        if (parts is not ["kb", var lang, var slug]) return null;
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ArticleRow>($"""
            SELECT {ArticleRow.Columns} FROM kb_articles a
            WHERE a.lang = @lang AND a.slug = @slug AND a.status = '{ArticleVocabulary.Published}'
            """, new { lang, slug });
        return row is null ? null : ToDocument(row);
    }

    internal static SearchDocument ToDocument(ArticleRow row) => new(
        row.SearchKey, row.Type, row.Lang, row.Title, row.TagList, SafeMarkdown.ToPlainText(row.Body), row.Url,
        row.Visibility, row.Category, row.ProductList, row.UpdatedAt);
}
