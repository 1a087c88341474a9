using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Text;
using Portal.Modules.Downloads.Releases;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Downloads.Search;

/// <summary>Published releases as the search index sees them: one document per language (title and
/// notes of that language), found by whoever the download centre lists them to: a public release
/// by anyone, any other published release by those signed in (Visibility "customers"); drafts never.</summary>
internal sealed class ReleaseSearchSource(IDb db) : ISearchDocumentSource
{
    public const string Type = "release";
    private const int BatchSize = 500;

    public async Task<long> ChangeSequenceAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT value FROM dl_search_sequence WHERE id = 1");
    }

    public async Task<IReadOnlyList<string>?> ChangedKeysAfterAsync(long sequence, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var ids = await c.QueryAsync<long>(
            "SELECT DISTINCT release_id FROM dl_search_changes WHERE sequence > @sequence ORDER BY release_id", new { sequence });
        return [.. ids.SelectMany(ReleaseSearchChanges.Keys)];
    }

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            List<ReleaseRow> batch;
            await using (var c = await db.OpenAsync(ct))
            {
                batch = (await c.QueryAsync<ReleaseRow>($"""
                    SELECT {ReleaseRow.Columns} FROM dl_releases r
                    WHERE r.status = '{ReleaseVocabulary.Published}' AND r.id > @after
                    ORDER BY r.id LIMIT {BatchSize}
                    """, new { after })).ToList();
            }
            foreach (var row in batch)
                foreach (var lang in ReleaseSearchChanges.Languages)
                    if (ToDocument(row, lang) is { } document) yield return document;
            if (batch.Count < BatchSize) yield break;
            after = batch[^1].Id;
        }
    }

    public async Task<SearchDocument?> FindAsync(string key, CancellationToken ct)
    {
        if (key.Split(':') is not [ReleaseSearchChanges.Prefix, var lang, var number]
            || !ReleaseSearchChanges.Languages.Contains(lang)
            || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ReleaseRow>($"""
            SELECT {ReleaseRow.Columns} FROM dl_releases r WHERE r.id = @id AND r.status = '{ReleaseVocabulary.Published}'
            """, new { id });
        return row is null ? null : ToDocument(row, lang);
    }

    /// <summary>The release in one language; null when it has neither title nor notes in that language.</summary>
    internal static SearchDocument? ToDocument(ReleaseRow row, string lang)
    {
        var (title, notes) = lang == "en" ? (row.TitleEn, row.NotesEn) : (row.TitleZh, row.NotesZh);
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(notes)) return null;
        if (string.IsNullOrWhiteSpace(title)) title = lang == "en" ? row.TitleZh : row.TitleEn;
        var version = row.Version.ToString();
        return new SearchDocument(
            ReleaseSearchChanges.Key(lang, row.Id), Type, lang, title, [row.ProductCode, version], SafeMarkdown.ToPlainText(notes),
            string.Create(CultureInfo.InvariantCulture, $"/Downloads/Release/{row.Id}"), row.IsPublic ? "public" : "customers", Category: null,
            [row.ProductCode], row.UpdatedAt, OrganisationId: null, Version: version, Severity: row.Severity);
    }
}
