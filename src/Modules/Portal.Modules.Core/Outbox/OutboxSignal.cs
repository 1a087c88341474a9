using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Portal.Modules.Core.Outbox;

/// <summary>Wakes the dispatcher after a transaction that enqueued an event commits, so events
/// go out at once instead of at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);
    private readonly ConditionalWeakTable<DbTransaction, object> pending = new();

    internal void MarkPending(DbTransaction tx) => pending.AddOrUpdate(tx, this);

    /// <summary>Called after commit: wakes the dispatcher when the transaction enqueued something.</summary>
    public void Committed(DbTransaction tx)
    {
        if (pending.Remove(tx)) Pulse();
    }

    public void Pulse()
    {
        if (semaphore.CurrentCount == 0)
        {
            try { semaphore.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);
}
