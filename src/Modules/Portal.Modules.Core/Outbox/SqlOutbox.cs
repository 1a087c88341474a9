using System.Data.Common;
using System.Text.Json;
using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Core.Outbox;

internal sealed class SqlOutbox(IDb db, TimeProvider clock, IOptions<OutboxOptions> options, OutboxSignal signal) : IOutbox, IOutboxMonitor
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
        var rows = await c.QueryAsync<MessageRow>($"""
            SELECT id AS Id, event_type AS EventType, dedup_key AS DedupKey, created_at AS CreatedAt, attempts AS Attempts,
                   next_attempt_at AS NextAttemptAt, dispatched_at AS DispatchedAt, dead_at AS DeadAt, last_error AS LastError
            FROM outbox WHERE {filter} ORDER BY id DESC LIMIT @limit
            """, new { limit });
        return rows.Select(r => new OutboxMessage(r.Id, r.EventType, r.DedupKey, r.CreatedAt, (int)r.Attempts, r.NextAttemptAt,
            r.DispatchedAt, r.DeadAt, r.LastError)).ToList();
    }

    // Read through settable properties: SQLite returns attempts as a 64-bit integer, which
    // Dapper will not pass to OutboxMessage's int constructor parameter.
    private sealed class MessageRow
    {
        public long Id { get; set; }
        public string EventType { get; set; } = "";
        public string DedupKey { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public long Attempts { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; }
        public DateTimeOffset? DispatchedAt { get; set; }
        public DateTimeOffset? DeadAt { get; set; }
        public string? LastError { get; set; }
    }

    public async Task<(int Pending, int Dead)> CountsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var pending = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL AND dead_at IS NULL");
        var dead = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE dead_at IS NOT NULL");
        return (pending, dead);
    }

    public Task<bool> RetryAsync(long id, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = @Now, locked_until = NULL WHERE id = @id AND dead_at IS NOT NULL",
            new { id, Now = clock.GetUtcNow() }, tx) == 1, ct).ContinueWith(t => { if (t.Result) signal.Pulse(); return t.Result; }, TaskScheduler.Default);

    internal OutboxOptions Options => options.Value;
}
