using Portal.Modules.Knowledge.Contracts;
using System.Collections.Concurrent;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Collects changed keys for the index worker; a key changed many times before the
/// worker runs is applied once (the worker reads the document's current state).</summary>
internal sealed class SearchIndexer : ISearchIndexer
{
    private readonly ConcurrentDictionary<string, byte> pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Changed(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        pending[key] = 0;
        Wake();
    }

    public bool HasPending => !pending.IsEmpty;

    /// <summary>Wakes the worker (a change, or a rebuild request).</summary>
    public void Wake()
    {
        try
        {
            if (signal.CurrentCount == 0) signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public IReadOnlyList<string> Drain()
    {
        var keys = new List<string>();
        foreach (var key in pending.Keys)
            if (pending.TryRemove(key, out _)) keys.Add(key);
        return keys;
    }

    /// <summary>Puts keys back after a failed attempt, so they are retried.</summary>
    public void Requeue(IEnumerable<string> keys)
    {
        foreach (var key in keys) pending.TryAdd(key, 0);
    }
}
