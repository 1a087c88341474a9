using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.ServiceContracts.Entitlements;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

[Authorize(Policy = PortalPolicies.Staff)]
public sealed class OverviewModel(IMediator mediator) : PageModel
{
    public const int ExpiredWithinDays = 30;

    public Counts Result { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } counts) return Forbid();
        Result = counts;
        return Page();
    }

    /// <summary>Null when the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User) : IRequest<Counts?>;

    /// <summary>Covered today (active or expiring), expiring within 60 days (today included), expired within the last 30 days. Cancelled periods count nowhere.</summary>
    public sealed class Counts
    {
        public long Covered { get; set; }
        public long Expiring { get; set; }
        public long Expired { get; set; }
        public long Upcoming { get; set; }
    }

    internal sealed class Handler(IDb db, VendorDays days) : IRequestHandler<Query, Counts?>
    {
        public async Task<Counts?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var today = days.Today;
            await using var c = await db.OpenAsync(ct);
            return await c.QuerySingleAsync<Counts>("""
                SELECT
                  COALESCE(SUM(CASE WHEN starts_on <= @Today AND ends_on >= @Today THEN 1 ELSE 0 END), 0) AS Covered,
                  COALESCE(SUM(CASE WHEN starts_on <= @Today AND ends_on >= @Today AND ends_on <= @LastExpiring THEN 1 ELSE 0 END), 0) AS Expiring,
                  COALESCE(SUM(CASE WHEN ends_on < @Today AND ends_on >= @EndedSince THEN 1 ELSE 0 END), 0) AS Expired,
                  COALESCE(SUM(CASE WHEN starts_on > @Today THEN 1 ELSE 0 END), 0) AS Upcoming
                FROM sc_contracts WHERE cancelled_at IS NULL
                """, new { Today = today, LastExpiring = today.AddDays(ContractRules.ExpiringDays - 1), EndedSince = today.AddDays(-ExpiredWithinDays) });
        }
    }
}
