using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Storage;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>Article views, counted in memory and added to kb_articles every few seconds in one
/// write, so reading an article never waits for a write nor fails with one (a full disk, a locked
/// database). A view count is a popularity hint, not a record: counts whose write fails are dropped
/// with a warning, and those of the last seconds before a stop are lost.</summary>
internal sealed class ViewCounter(IDb db, StorageAlarm storage, ILogger<ViewCounter> logger) : ISweep
{
    private readonly ConcurrentDictionary<long, int> pending = new();

    public string Name => "knowledge.view-counts";

    public TimeSpan Interval => TimeSpan.FromSeconds(5);

    public void Count(long articleId) => pending.AddOrUpdate(articleId, 1, (_, n) => n + 1);

    public async Task RunAsync(CancellationToken ct)
    {
        var batch = new List<(long Id, int Views)>();
        foreach (var id in pending.Keys)
            if (pending.TryRemove(id, out var views)) batch.Add((id, views));
        if (batch.Count == 0) return;
        try
        {
            await db.WriteAsync(async (c, tx) =>
            {
                foreach (var (id, views) in batch)
                    await c.ExecuteAsync(new CommandDefinition("UPDATE kb_articles SET view_count = view_count + @views WHERE id = @id", new { id, views }, tx, cancellationToken: ct));
            }, ct);
        }
        catch (Exception ex) when (StorageFull.Is(ex))
        {
            storage.Raise(ex, "article view counts");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "{Views} article view(s) could not be counted and were dropped", batch.Sum(b => b.Views));
        }
    }
}
