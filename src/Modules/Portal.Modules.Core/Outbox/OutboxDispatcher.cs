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
/// must be idempotent.</summary>
public sealed class OutboxDispatcher(
    IDb db, IServiceScopeFactory scopes, EventTypeRegistry registry, TimeProvider clock,
    IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger)
{
    private static readonly MethodInfo PublishMethod = typeof(OutboxDispatcher).GetMethod(nameof(PublishTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    // Settable properties, not a positional record: Dapper matches a constructor only on exact
    // column types, and attempts is a 32-bit INTEGER on PostgreSQL but a 64-bit integer on SQLite.
    private sealed class Claimed
    {
        public long Id { get; set; }
        public string EventType { get; set; } = "";
        public string Payload { get; set; } = "";
        public long Attempts { get; set; }
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

    private Task<List<Claimed>> ClaimAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        return db.WriteAsync(async (c, tx) => (await c.QueryAsync<Claimed>($"""
            UPDATE outbox SET locked_until = @Lease, attempts = attempts + 1
            WHERE id IN (SELECT id FROM outbox
                         WHERE dispatched_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @Now
                           AND (locked_until IS NULL OR locked_until < @Now)
                         ORDER BY id LIMIT @Batch{db.Dialect.ForUpdateSkipLocked})
            RETURNING id AS Id, event_type AS EventType, payload AS Payload, attempts AS Attempts
            """, new { Lease = now + o.Lease, Now = now, Batch = o.BatchSize }, tx)).OrderBy(m => m.Id).ToList(), ct);
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
                "UPDATE outbox SET dispatched_at = @Now, locked_until = NULL, last_error = NULL WHERE id = @Id",
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
            UPDATE outbox SET locked_until = NULL, last_error = @Error, next_attempt_at = @Next, dead_at = @Dead WHERE id = @Id
            """, new { Error = error.Length > 2000 ? error[..2000] : error, Next = now + o.DelayAfter((int)message.Attempts), Dead = dead ? now : (DateTimeOffset?)null, message.Id }, tx),
            CancellationToken.None);
    }

    private static Task PublishTyped<T>(IMediator mediator, object evt, CancellationToken ct) where T : INotification =>
        mediator.Publish((T)evt, ct);
}
