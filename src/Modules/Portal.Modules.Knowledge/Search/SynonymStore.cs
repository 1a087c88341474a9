using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Knowledge.Search;

/// <summary>The synonym groups from kb_synonyms, cached briefly so every search does not read the
/// database; an edit on this node refreshes the cache at once, other nodes within the cache time.</summary>
internal sealed class SynonymStore(IDb db, TimeProvider clock)
{
    private static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim loading = new(1, 1);
    private (SynonymSet Set, DateTimeOffset Loaded)? cached;

    public async Task<SynonymSet> CurrentAsync(CancellationToken ct)
    {
        if (cached is { } c && clock.GetUtcNow() - c.Loaded < CacheTime) return c.Set;
        await loading.WaitAsync(ct);
        try
        {
            if (cached is { } again && clock.GetUtcNow() - again.Loaded < CacheTime) return again.Set;
            await using var connection = await db.OpenAsync(ct);
            var rows = await connection.QueryAsync<string>(new CommandDefinition("SELECT terms FROM kb_synonyms", cancellationToken: ct));
            var set = new SynonymSet(rows.Select(SynonymSet.SplitTerms));
            cached = (set, clock.GetUtcNow());
            return set;
        }
        finally
        {
            loading.Release();
        }
    }

    public void Invalidate() => cached = null;
}
