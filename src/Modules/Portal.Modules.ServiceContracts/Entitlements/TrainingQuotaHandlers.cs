using System.Data.Common;
using Dapper;
using MediatR;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;

namespace Portal.Modules.ServiceContracts.Entitlements;

/// <summary>Each covering period allows its trainings_per_year in each of its contract years; a
/// use is counted against one period's year, the one that ends first among those with room left.</summary>
internal sealed class TrainingQuotaHandlers(IDb db, VendorDays days, TimeProvider clock) :
    IRequestHandler<TrainingQuota, TrainingQuotaInfo>,
    IRequestHandler<RecordTrainingUse, TrainingUseResult>,
    IRequestHandler<ReleaseTrainingUse, bool>
{
    private sealed record YearQuota(ServicePeriod Period, DateOnly Start, DateOnly End, int Used)
    {
        public int Left => Math.Max(0, Period.TrainingsPerYear - Used);
    }

    private sealed class UseRow
    {
        public long Id { get; set; }
        public DateTimeOffset? ReleasedAt { get; set; }
    }

    public async Task<TrainingQuotaInfo> Handle(TrainingQuota request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var years = await YearsAsync(c, null, request.OrganisationId, days.DayOf(request.At));
        if (years.Count == 0) return new TrainingQuotaInfo(0, 0, 0, null, null);
        var first = years[0];
        return new TrainingQuotaInfo(years.Sum(y => y.Period.TrainingsPerYear), years.Sum(y => y.Used), years.Sum(y => y.Left), first.Start, first.End);
    }

    public Task<TrainingUseResult> Handle(RecordTrainingUse request, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Reference);
        return db.WriteAsync(async (c, tx) =>
        {
            await LockOrganisationAsync(c, tx, request.OrganisationId);
            var existing = await c.QuerySingleOrDefaultAsync<UseRow>(
                "SELECT id AS Id, released_at AS ReleasedAt FROM sc_training_uses WHERE organisation_id = @OrganisationId AND reference = @Reference",
                request, tx);
            if (existing is { ReleasedAt: null }) return TrainingUseResult.Recorded;
            var years = await YearsAsync(c, tx, request.OrganisationId, days.DayOf(request.At));
            if (years.Count == 0) return TrainingUseResult.NotCovered;
            var year = years.FirstOrDefault(y => y.Left > 0);
            if (year is null) return TrainingUseResult.QuotaExhausted;
            var args = new { request.OrganisationId, request.Reference, ContractId = year.Period.Id, YearStart = year.Start, Now = clock.GetUtcNow() };
            if (existing is null)
                await c.ExecuteAsync("""
                    INSERT INTO sc_training_uses (organisation_id, contract_id, year_start, reference, used_at)
                    VALUES (@OrganisationId, @ContractId, @YearStart, @Reference, @Now)
                    """, args, tx);
            else
                await c.ExecuteAsync("""
                    UPDATE sc_training_uses SET contract_id = @ContractId, year_start = @YearStart, used_at = @Now, released_at = NULL
                    WHERE organisation_id = @OrganisationId AND reference = @Reference
                    """, args, tx);
            return TrainingUseResult.Recorded;
        }, ct);
    }

    public Task<bool> Handle(ReleaseTrainingUse request, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            UPDATE sc_training_uses SET released_at = @At
            WHERE organisation_id = @OrganisationId AND reference = @Reference AND released_at IS NULL
            """, new { request.OrganisationId, request.Reference, At = clock.GetUtcNow() }, tx) == 1, ct);

    /// <summary>Serializes quota decisions of one organisation: a no-op update of one of its
    /// contract rows takes a row lock on PostgreSQL (SQLite's write transactions are serial anyway).</summary>
    private static Task LockOrganisationAsync(DbConnection c, DbTransaction tx, long organisationId) =>
        c.ExecuteAsync("""
            UPDATE sc_contracts SET row_version = row_version
            WHERE id = (SELECT MIN(id) FROM sc_contracts WHERE organisation_id = @organisationId)
            """, new { organisationId }, tx);

    /// <summary>The current contract year of every covering period, the one ending first first.</summary>
    private static async Task<IReadOnlyList<YearQuota>> YearsAsync(DbConnection c, DbTransaction? tx, long organisationId, DateOnly day)
    {
        var years = new List<YearQuota>();
        foreach (var period in await PeriodQueries.CoveringAsync(c, organisationId, day, tx))
        {
            var (start, end) = ContractRules.ContractYear(period, day)!.Value;
            var used = await c.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM sc_training_uses WHERE contract_id = @Id AND year_start = @start AND released_at IS NULL
                """, new { period.Id, start }, tx);
            years.Add(new YearQuota(period, start, end, (int)used));
        }
        return [.. years.OrderBy(y => y.End).ThenBy(y => y.Period.Id)];
    }
}
