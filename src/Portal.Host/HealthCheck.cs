using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Core.Storage;

namespace Portal.Host;

/// <summary>GET /healthz is readiness: 200 when the database answers a read and takes a write,
/// every migration is applied and the data folder's disk has at least Portal:Storage:MinFreeMegabytes
/// free; otherwise 503, with the first failing check as the status. GET /healthz/live is liveness:
/// 200 while the process answers at all.</summary>
internal static class HealthCheck
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    public static IResult Live() => Results.Json(new { status = "ok" });

    public static async Task<IResult> RespondAsync(IDb db, MigrationRunner migrations, StorageAlarm storage, OutboxNode node,
        TimeProvider clock, CancellationToken ct)
    {
        var free = storage.FreeMegabytes();
        var disk = new { freeMegabytes = free is { } f ? Math.Round(f, 1) : (double?)null, minimumMegabytes = storage.MinFreeMegabytes };
        IReadOnlyList<string> problems;
        try
        {
            await using (var c = await db.OpenAsync(ct))
                await c.ExecuteScalarAsync<int>("SELECT 1");
            problems = await migrations.ProblemsAsync(ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            return Results.Json(new { status = "database unreachable", storage = disk }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var write = problems.Count == 0 && await TakesWriteAsync(db, node, clock, ct) ? "ok" : "failed";
        var status = problems.Count > 0 ? "migrations"
            : free < storage.MinFreeMegabytes ? "storage low"
            : write != "ok" ? "database write failed"
            : "ok";
        return Results.Json(new { status, database = db.Dialect.Name, databaseWrite = write, storage = disk, problems },
            statusCode: status == "ok" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> TakesWriteAsync(IDb db, OutboxNode node, TimeProvider clock, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(WriteTimeout);
        try
        {
            await db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO health_probes (node, checked_at) VALUES (@Node, @At) ON CONFLICT (node) DO UPDATE SET checked_at = excluded.checked_at",
                new { Node = node.Id, At = clock.GetUtcNow() }, tx, cancellationToken: timeout.Token)), timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
