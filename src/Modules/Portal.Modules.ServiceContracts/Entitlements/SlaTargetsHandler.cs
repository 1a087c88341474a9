using Dapper;
using MediatR;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;

namespace Portal.Modules.ServiceContracts.Entitlements;

/// <summary>The targets of sc_sla_targets for the covering period's service level. Not covered:
/// the standard level's targets with Covered = false (a guide; no commitment).</summary>
internal sealed class SlaTargetsHandler(IDb db, VendorDays days) : IRequestHandler<SlaTargets, SlaTarget>
{
    private sealed class TargetRow
    {
        public int RespondHours { get; set; }
        public int? ResolveHours { get; set; }
        public bool BusinessHours { get; set; }
    }

    public async Task<SlaTarget> Handle(SlaTargets request, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Severity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Severity, 5);
        await using var c = await db.OpenAsync(ct);
        var productId = await PeriodQueries.ProductIdAsync(c, request.ProductCode);
        var periods = productId is null ? [] : await PeriodQueries.ForProductAsync(c, request.OrganisationId, productId.Value);
        var covering = ContractRules.Covering(periods, days.DayOf(request.At));
        var level = covering?.ServiceLevel ?? ContractRules.Standard;
        var row = await c.QuerySingleAsync<TargetRow>("""
            SELECT respond_hours AS RespondHours, resolve_hours AS ResolveHours, business_hours AS BusinessHours
            FROM sc_sla_targets WHERE service_level = @level AND severity = @Severity
            """, new { level, request.Severity });
        return new SlaTarget(ContractRules.Level(level), request.Severity, TimeSpan.FromHours(row.RespondHours),
            row.ResolveHours is null ? null : TimeSpan.FromHours(row.ResolveHours.Value), row.BusinessHours, covering is not null);
    }
}
