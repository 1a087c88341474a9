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

public sealed record OutboxMessage(long Id, string EventType, string DedupKey, DateTimeOffset CreatedAt, int Attempts,
    DateTimeOffset NextAttemptAt, DateTimeOffset? DispatchedAt, DateTimeOffset? DeadAt, string? LastError);

/// <summary>What staff see of the outbox: dead letters and what is still waiting.</summary>
public interface IOutboxMonitor
{
    Task<IReadOnlyList<OutboxMessage>> ListAsync(bool deadOnly, int limit, CancellationToken ct);

    Task<(int Pending, int Dead)> CountsAsync(CancellationToken ct);

    /// <summary>Puts a dead-lettered message back in the queue; false when it is not dead.</summary>
    Task<bool> RetryAsync(long id, CancellationToken ct);
}
