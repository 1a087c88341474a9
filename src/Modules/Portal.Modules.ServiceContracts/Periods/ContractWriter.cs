using System.Data.Common;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Web.Formatting;

namespace Portal.Modules.ServiceContracts.Periods;

/// <summary>Creates, changes and cancels service periods, enforcing the rules of
/// <see cref="ContractRules"/> inside the write transaction: no overlap with another non-cancelled
/// period of the same organisation and product, a renewal (paid) starts the day after the previous
/// period ends unless a gap is explicitly allowed, cancelled periods stay as they are, and a change
/// applies only to the row version it was made from.</summary>
public sealed class ContractWriter(IDb db, TimeProvider clock)
{
    public const string ConcurrencyConflict = "Someone else changed this period in the meantime. The form now shows the current values; check them and save again.";
    public const string Overlap = "This period ({0} – {1}) overlaps the period {2} – {3} of the same organisation and product. Service periods may not overlap.";
    public const string RenewalStart = "A renewal starts the day after the previous period ends ({0}). To leave a gap of {1} days without cover, tick “Start after a gap”.";
    public const string CancelledUnchangeable = "A cancelled period cannot be changed.";
    public const string UnknownProduct = "Choose the product.";

    public Task<ContractResult> CreateAsync(ContractInput input, long? actorId, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var check = await CheckAsync(c, tx, input, null);
            if (check is not null) return check;
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                    trainings_per_year, reference, notes, created_at, created_by, updated_at, row_version)
                VALUES (@OrganisationId, @ProductId, @Kind, @ServiceLevel, @StartsOn, @Months, @EndsOn, @MajorUpgrades,
                    @TrainingsPerYear, @Reference, @Notes, @Now, @actorId, @Now, 1)
                RETURNING id
                """, Args(input, new { actorId }), tx);
            return ContractResult.Done(id);
        }, ct);

    public Task<ContractResult> UpdateAsync(long id, ContractInput input, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var current = await c.QuerySingleOrDefaultAsync<ServicePeriod>($"SELECT {ServicePeriod.Columns} FROM sc_contracts c WHERE c.id = @id", new { id }, tx);
            if (current is null) return ContractResult.NotFound;
            if (current.IsCancelled) return ContractResult.Invalid("", CancelledUnchangeable);
            if (current.RowVersion != input.RowVersion) return ContractResult.Invalid("", ConcurrencyConflict);
            var check = await CheckAsync(c, tx, input, id);
            if (check is not null) return check;
            var rows = await c.ExecuteAsync("""
                UPDATE sc_contracts SET organisation_id = @OrganisationId, product_id = @ProductId, kind = @Kind, service_level = @ServiceLevel,
                    starts_on = @StartsOn, months = @Months, ends_on = @EndsOn, major_upgrades = @MajorUpgrades,
                    trainings_per_year = @TrainingsPerYear, reference = @Reference, notes = @Notes, updated_at = @Now,
                    row_version = row_version + 1
                WHERE id = @id AND row_version = @RowVersion AND cancelled_at IS NULL
                """, Args(input, new { id, input.RowVersion }), tx);
            return rows == 1 ? ContractResult.Done(id) : ContractResult.Invalid("", ConcurrencyConflict);
        }, ct);

    public Task<ContractResult> CancelAsync(long id, int rowVersion, string reason, long? actorId, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var current = await c.QuerySingleOrDefaultAsync<ServicePeriod>($"SELECT {ServicePeriod.Columns} FROM sc_contracts c WHERE c.id = @id", new { id }, tx);
            if (current is null) return ContractResult.NotFound;
            if (current.IsCancelled) return ContractResult.Invalid("", "This period is already cancelled.");
            var rows = await c.ExecuteAsync("""
                UPDATE sc_contracts SET cancelled_at = @Now, cancelled_by = @actorId, cancel_reason = @reason, updated_at = @Now,
                    row_version = row_version + 1
                WHERE id = @id AND row_version = @rowVersion AND cancelled_at IS NULL
                """, new { id, rowVersion, reason = reason.Trim(), actorId, Now = clock.GetUtcNow() }, tx);
            return rows == 1 ? ContractResult.Done(id) : ContractResult.Invalid("", ConcurrencyConflict);
        }, ct);

    private object Args(ContractInput input, object extra)
    {
        var args = new DynamicParameters(extra);
        args.AddDynamicParams(new
        {
            input.OrganisationId, input.ProductId, input.Kind, input.ServiceLevel, StartsOn = input.StartsOn!.Value, input.Months,
            EndsOn = ContractRules.EndsOn(input.StartsOn.Value, input.Months), input.MajorUpgrades, input.TrainingsPerYear,
            Reference = input.CleanReference, Notes = input.CleanNotes, Now = clock.GetUtcNow(),
        });
        return args;
    }

    /// <summary>The rules that need the other periods; null when the input passes.</summary>
    private static async Task<ContractResult?> CheckAsync(DbConnection c, DbTransaction tx, ContractInput input, long? exceptId)
    {
        if (input.OrganisationId is not { } organisationId || input.ProductId is not { } productId || input.StartsOn is not { } startsOn)
            return ContractResult.Invalid("", "The request could not be processed.");
        if (!ContractRules.IsKind(input.Kind)) return ContractResult.Invalid("Input.Kind", "Choose the kind of period.");
        if (!ContractRules.IsLevel(input.ServiceLevel)) return ContractResult.Invalid("Input.ServiceLevel", "Choose the service level.");
        if (input.Months is < 1 or > ContractRules.MaxMonths)
            return ContractResult.Invalid("Input.Months", "The length must be between {1} and {2} months.", "", 1, ContractRules.MaxMonths);
        // A no-op update takes the product row's lock on PostgreSQL, so two concurrent writes for the
        // same product cannot both pass the overlap check (SQLite's write transactions are serial).
        if (await c.ExecuteAsync("UPDATE sc_products SET updated_at = updated_at WHERE id = @productId", new { productId }, tx) != 1)
            return ContractResult.Invalid("Input.ProductId", UnknownProduct);

        var endsOn = ContractRules.EndsOn(startsOn, input.Months);
        var same = await PeriodQueries.ForProductAsync(c, organisationId, productId, tx);
        var overlap = ContractRules.Overlapping(same, startsOn, endsOn, exceptId).FirstOrDefault();
        if (overlap is not null)
            return ContractResult.Invalid("Input.StartsOn", Overlap, Day(startsOn), Day(endsOn), Day(overlap.StartsOn), Day(overlap.EndsOn));
        if (input.Kind == ContractRules.Paid && !input.StartAfterGap)
        {
            var chained = ContractRules.RenewalStart(same.Where(p => p.EndsOn < startsOn), exceptId);
            if (chained is { } expected && startsOn > expected)
                return ContractResult.Invalid("Input.StartsOn", RenewalStart, Day(expected), startsOn.DayNumber - expected.DayNumber);
        }
        return null;
    }

    internal static string Day(DateOnly day) => DisplayTime.Date(day);
}
