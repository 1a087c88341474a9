using MediatR;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;

namespace Portal.Modules.ServiceContracts.Entitlements;

internal sealed class GetEntitlementHandler(IDb db, VendorDays days) : IRequestHandler<GetEntitlement, Entitlement>
{
    public static readonly Entitlement NotCovered = new(false, null, null, false, null, null, null, null);

    public async Task<Entitlement> Handle(GetEntitlement request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var productId = await PeriodQueries.ProductIdAsync(c, request.ProductCode);
        if (productId is null) return NotCovered;
        var periods = await PeriodQueries.ForProductAsync(c, request.OrganisationId, productId.Value);
        return Decide(periods, days.DayOf(request.At));
    }

    public static Entitlement Decide(IReadOnlyList<ServicePeriod> periods, DateOnly day)
    {
        var lastEnded = ContractRules.LastEndedBefore(periods, day);
        var covering = ContractRules.Covering(periods, day);
        if (covering is null) return NotCovered with { LastPeriodEnded = lastEnded };
        return new Entitlement(true, covering.Id, ContractRules.Level(covering.ServiceLevel), covering.MajorUpgrades,
            covering.StartsOn, covering.EndsOn, ContractRules.DaysLeft(covering.EndsOn, day), lastEnded);
    }
}
