using System.Data.Common;
using MediatR;

namespace Portal.Modules.Core.Outbox;

/// <summary>Records an event in the same transaction as the state change that causes it.</summary>
public interface IOutbox
{
    /// <summary>Adds the event unless one with the same <paramref name="dedupKey"/> was ever added;
    /// returns whether it was added.</summary>
    Task<bool> EnqueueAsync(DbConnection connection, DbTransaction tx, INotification evt, string dedupKey);
}

public sealed class OutboxMessage
{
    public long Id { get; init; }
    public string EventType { get; init; } = "";
    public string DedupKey { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public DateTimeOffset? DeadAt { get; init; }
    public string? LastError { get; init; }
}

/// <summary>What staff see of the outbox: dead letters and what is still waiting.</summary>
public interface IOutboxMonitor
{
    Task<IReadOnlyList<OutboxMessage>> ListAsync(bool deadOnly, int limit, CancellationToken ct);

    Task<(int Pending, int Dead)> CountsAsync(CancellationToken ct);

    /// <summary>Puts a dead-lettered message back in the queue; false when it is not dead.</summary>
    Task<bool> RetryAsync(long id, CancellationToken ct);
}
