using Dapper;
using Microsoft.Extensions.Logging;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Results;

/// <summary>Counts responses the rollups miss: those stored before migration 0007 (its first run after the upgrade), or
/// written around InvitationStore. When the rollups' total differs from the number of responses it rebuilds both tables in
/// one transaction (PostgreSQL: holding the rollups locked, so a response stored meanwhile is counted exactly once).
/// Until that first run after an upgrade, the results page shows only responses stored since.</summary>
internal sealed class RollupSweep(IDb db, DisplayTime time, ILogger<RollupSweep> logger) : ISweep
{
    public string Name => "surveys.rollups";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        await using (var c = await db.OpenAsync(ct))
        {
            if (await InStepAsync(c, null)) return;
        }
        await db.WriteAsync(async (c, tx) =>
        {
            if (db.Dialect.Name == "postgres")
                await c.ExecuteAsync("LOCK TABLE sv_answer_counts, sv_response_counts IN EXCLUSIVE MODE", transaction: tx);
            if (await InStepAsync(c, tx)) return;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await SurveyRollups.RebuildAsync(c, tx, time, ct);
            // Every row was replaced: fresh planner statistics, so the results page reads them by primary key at once.
            await c.ExecuteAsync(db.Dialect.Name == "postgres" ? "ANALYZE sv_answer_counts, sv_response_counts" : "ANALYZE sv_answer_counts; ANALYZE sv_response_counts",
                transaction: tx);
            logger.LogInformation("Survey result counts rebuilt in {Seconds:F1} s", watch.Elapsed.TotalSeconds);
        }, ct);
    }

    private static async Task<bool> InStepAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx) =>
        await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sv_responses", transaction: tx)
        == await c.ExecuteScalarAsync<long>($"""
            SELECT COALESCE(SUM(n), 0) FROM sv_response_counts WHERE organisation_id = {SurveyRollups.AllOrganisations} AND dimension = 'engineer'
            """, transaction: tx);
}
