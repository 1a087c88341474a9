using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Portal.Modules.Downloads.Search;

/// <summary>The search keys of a release (one document per language) and the change record that
/// lets every node's index catch up: written in the transaction of the change it records.</summary>
internal static class ReleaseSearchChanges
{
    public const string Prefix = "rel";
    public static readonly IReadOnlyList<string> Languages = ["zh", "en"];

    public static string Key(string lang, long id) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}:{lang}:{id}");

    public static IEnumerable<string> Keys(long id) => Languages.Select(lang => Key(lang, id));

    public static async Task RecordAsync(DbConnection c, DbTransaction tx, long releaseId, DateTimeOffset now)
    {
        var sequence = await c.ExecuteScalarAsync<long>("UPDATE dl_search_sequence SET value = value + 1 WHERE id = 1 RETURNING value", transaction: tx);
        await c.ExecuteAsync("INSERT INTO dl_search_changes (sequence, release_id, changed_at) VALUES (@sequence, @releaseId, @now)",
            new { sequence, releaseId, now }, tx);
    }
}
