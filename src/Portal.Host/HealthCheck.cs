using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Host;

/// <summary>GET /healthz: 200 when the database answers and every migration is applied, else 503.</summary>
internal static class HealthCheck
{
    public static async Task<IResult> RespondAsync(IDb db, MigrationRunner migrations, CancellationToken ct)
    {
        try
        {
            await using (var c = await db.OpenAsync(ct))
                await c.ExecuteScalarAsync<int>("SELECT 1");
            var problems = await migrations.ProblemsAsync(ct);
            return problems.Count == 0
                ? Results.Json(new { status = "ok", database = db.Dialect.Name })
                : Results.Json(new { status = "migrations", problems }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            return Results.Json(new { status = "database unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
