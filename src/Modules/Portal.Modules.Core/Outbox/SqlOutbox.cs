using System.Data.Common;
using System.Text.Json;
using Dapper;
using MediatR;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Core.Outbox;

internal sealed class SqlOutbox(IDb db, TimeProvider clock, OutboxSignal signal) : IOutbox, IOutboxMonitor
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<bool> EnqueueAsync(DbConnection connection, DbTransaction tx, INotification evt, string dedupKey)
    {
        var now = clock.GetUtcNow();
        var rows = await connection.ExecuteAsync("""
            INSERT INTO outbox (event_type, payload, dedup_key, created_at, next_attempt_at)
            VALUES (@Type, @Payload, @DedupKey, @Now, @Now)
            ON CONFLICT (dedup_key) DO NOTHING
            """,
            new { Type = evt.GetType().FullName, Payload = JsonSerializer.Serialize(evt, evt.GetType(), Json), DedupKey = dedupKey, Now = now }, tx);
        if (rows == 1) signal.MarkPending(tx);
        return rows == 1;
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(bool deadOnly, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var filter = deadOnly ? "dead_at IS NOT NULL" : "dispatched_at IS NULL";
        return (await c.QueryAsync<OutboxMessage>($"""
            SELECT id AS Id, event_type AS EventType, dedup_key AS DedupKey, created_at AS CreatedAt, attempts AS Attempts,
                   next_attempt_at AS NextAttemptAt, dispatched_at AS DispatchedAt, dead_at AS DeadAt, last_error AS LastError
            FROM outbox WHERE {filter} ORDER BY id DESC LIMIT @limit
            """, new { limit })).ToList();
    }


    public async Task<(int Pending, int Dead)> CountsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var pending = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL AND dead_at IS NULL");
        var dead = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE dead_at IS NOT NULL");
        return (pending, dead);
    }

    public async Task<bool> RetryAsync(long id, CancellationToken ct)
    {
        var requeued = await db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = @Now, locked_until = NULL WHERE id = @id AND dead_at IS NOT NULL",
            new { id, Now = clock.GetUtcNow() }, tx) == 1, ct);
        if (requeued) signal.Pulse();
        return requeued;
    }
}
