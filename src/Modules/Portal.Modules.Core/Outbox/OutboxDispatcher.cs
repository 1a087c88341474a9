using System.Reflection;
using System.Text.Json;
using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Core.Outbox;

/// <summary>Publishes committed outbox rows through the mediator. Rows are claimed with a lease
/// (and row locks that skip rows on PostgreSQL), so several nodes can dispatch at once; a row is
/// marked done only after its handlers succeeded, so delivery is at-least-once and handlers
/// must be idempotent. Claims name the node (<see cref="OutboxNode"/>): a restarted node takes back
/// its own unfinished claims at once (<see cref="ReleaseOwnClaimsAsync"/>); other nodes' claims
/// wait out their lease.</summary>
public sealed class OutboxDispatcher(
    IDb db, IServiceScopeFactory scopes, EventTypeRegistry registry, TimeProvider clock,
    IOptions<OutboxOptions> options, OutboxNode node, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Recorded on a message whose last allowed attempt ended with its node.</summary>
    public const string StoppedWhileDelivering = "The node stopped while delivering this message.";

    private static readonly MethodInfo PublishMethod = typeof(OutboxDispatcher).GetMethod(nameof(PublishTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    // A class, not a positional record: Dapper maps constructors only on exact column types, and
    // the attempts column is int on PostgreSQL but long on SQLite.
    private sealed class Claimed
    {
        public long Id { get; init; }
        public string EventType { get; init; } = "";
        public string Payload { get; init; } = "";
        public int Attempts { get; init; }
    }

    /// <summary>Dispatches due messages until none is left; returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct = default)
    {
        var delivered = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimAsync(ct);
            if (batch.Count == 0) break;
            foreach (var message in batch)
                if (await DeliverAsync(message, ct)) delivered++;
        }
        return delivered;
    }

    /// <summary>Called once when the node starts, before it dispatches: rows this node had claimed
    /// and not finished (it died or was killed mid-delivery) become due again at once instead of
    /// after the lease. A row already at its last attempt is dead-lettered instead, so a message
    /// that brings the process down is not retried forever. Returns how many rows were released.</summary>
    public async Task<int> ReleaseOwnClaimsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var released = await db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            UPDATE outbox SET locked_until = NULL, locked_by = NULL,
                   dead_at = CASE WHEN attempts >= @Max THEN @Now ELSE NULL END,
                   last_error = CASE WHEN attempts >= @Max THEN @Error ELSE last_error END
            WHERE locked_by = @Node AND dispatched_at IS NULL AND dead_at IS NULL
            """, new { Node = node.Id, Now = now, Max = options.Value.MaxAttempts, Error = StoppedWhileDelivering }, tx), ct);
        if (released > 0)
            logger.LogWarning("Took back {Count} outbox message(s) this node ({Node}) had claimed before it stopped", released, node.Id);
        return released;
    }

    private Task<List<Claimed>> ClaimAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        return db.WriteAsync(async (c, tx) => (await c.QueryAsync<Claimed>($"""
            UPDATE outbox SET locked_until = @Lease, locked_by = @Node, attempts = attempts + 1
            WHERE id IN (SELECT id FROM outbox
                         WHERE dispatched_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @Now
                           AND (locked_until IS NULL OR locked_until < @Now)
                         ORDER BY id LIMIT @Batch{db.Dialect.ForUpdateSkipLocked})
            RETURNING id AS Id, event_type AS EventType, payload AS Payload, attempts AS Attempts
            """, new { Lease = now + o.Lease, Node = node.Id, Now = now, Batch = o.BatchSize }, tx)).OrderBy(m => m.Id).ToList(), ct);
    }

    private async Task<bool> DeliverAsync(Claimed message, CancellationToken ct)
    {
        try
        {
            var type = registry.Find(message.EventType)
                ?? throw new InvalidOperationException($"Unknown event type {message.EventType}.");
            var evt = JsonSerializer.Deserialize(message.Payload, type, SqlOutbox.Json)
                ?? throw new InvalidOperationException("Empty event payload.");
            await using (var scope = scopes.CreateAsyncScope())
            {
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                await (Task)PublishMethod.MakeGenericMethod(type).Invoke(null, [mediator, evt, ct])!;
            }
            await db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
                "UPDATE outbox SET dispatched_at = @Now, locked_until = NULL, locked_by = NULL, last_error = NULL WHERE id = @Id",
                new { Now = clock.GetUtcNow(), message.Id }, tx), CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            await RecordFailureAsync(message, ex);
            return false;
        }
    }

    private async Task RecordFailureAsync(Claimed message, Exception ex)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var dead = message.Attempts >= o.MaxAttempts;
        var error = ex.GetBaseException().Message;
        if (dead) logger.LogError(ex, "Outbox message {Id} ({Type}) failed {Attempts} times and is dead-lettered", message.Id, message.EventType, message.Attempts);
        else logger.LogWarning(ex, "Outbox message {Id} ({Type}) failed, attempt {Attempts}", message.Id, message.EventType, message.Attempts);
        await db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            UPDATE outbox SET locked_until = NULL, locked_by = NULL, last_error = @Error, next_attempt_at = @Next, dead_at = @Dead WHERE id = @Id
            """, new { Error = error.Length > 2000 ? error[..2000] : error, Next = now + o.DelayAfter(message.Attempts), Dead = dead ? now : (DateTimeOffset?)null, message.Id }, tx),
            CancellationToken.None);
    }

    private static Task PublishTyped<T>(IMediator mediator, object evt, CancellationToken ct) where T : INotification =>
        mediator.Publish((T)evt, ct);
}
