using System.Globalization;
using System.Threading.Channels;
using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Knowledge.Search;

/// <summary>What was searched and what was opened, without who searched: no user id, no address,
/// no session. Entries are queued and written in batches, so a search never waits for a write.</summary>
internal sealed class SearchLog(TimeProvider clock)
{
    public const int MaxQueryLength = 200;
    private readonly Channel<Entry> queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    internal sealed record Entry(string Query, int? Results, string? Key, int Position, DateTimeOffset At);

    public void Searched(string query, int results)
    {
        var normalized = Normalize(query);
        if (normalized.Length > 0) queue.Writer.TryWrite(new Entry(normalized, results, null, 0, clock.GetUtcNow()));
    }

    public void Clicked(string query, string key, int position)
    {
        var normalized = Normalize(query);
        if (normalized.Length > 0) queue.Writer.TryWrite(new Entry(normalized, null, key, position, clock.GetUtcNow()));
    }

    public static string Normalize(string? query)
    {
        var text = string.Join(' ', TextAnalyzer.Clean(query).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
    }

    internal ChannelReader<Entry> Reader => queue.Reader;

    /// <summary>Writes everything queued so far (the writer calls it; tests call it directly).</summary>
    public async Task<int> FlushAsync(IDb db, CancellationToken ct)
    {
        var batch = new List<Entry>();
        while (batch.Count < 1000 && queue.Reader.TryRead(out var entry)) batch.Add(entry);
        if (batch.Count == 0) return 0;
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var e in batch)
            {
                var day = e.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (e.Key is null)
                    await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO kb_search_queries (query, results, searched_on, searched_at) VALUES (@Query, @Results, @Day, @At)",
                        new { e.Query, Results = e.Results ?? 0, Day = day, e.At }, tx, cancellationToken: ct));
                else
                    await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO kb_search_clicks (query, doc_key, position, clicked_on, clicked_at) VALUES (@Query, @Key, @Position, @Day, @At)",
                        new { e.Query, e.Key, e.Position, Day = day, e.At }, tx, cancellationToken: ct));
            }
        }, ct);
        return batch.Count;
    }
}
