using System.Data.Common;
using Dapper;
using Portal.Web.Formatting;
using Portal.Modules.ServiceContracts.Areas.Contracts.Pages.MyService;
using Portal.Modules.ServiceContracts.Renewals;

namespace Portal.Modules.ServiceContracts.Renewals;

/// <summary>Reads shared by the renewal request pages.</summary>
internal static class RenewalProducts
{
    private sealed class PeriodRow
    {
        public DateOnly StartsOn { get; set; }
        public DateOnly EndsOn { get; set; }
    }

    /// <summary>The product if the organisation has a service period (even cancelled) or a current
    /// installation for it, with the time of its open renewal request if any; otherwise null.</summary>
    public static Task<RequestRenewalModel.ProductView?> FindAsync(DbConnection c, DbTransaction? tx, long organisationId, long productId) =>
        c.QuerySingleOrDefaultAsync<RequestRenewalModel.ProductView?>("""
            SELECT p.id AS Id, p.name_zh AS NameZh, p.name_en AS NameEn,
                   (SELECT MIN(r.created_at) FROM sc_renewal_requests r
                    WHERE r.organisation_id = @OrganisationId AND r.product_id = p.id AND r.state = @Open) AS OpenRequestAt
            FROM sc_products p
            WHERE p.id = @ProductId
              AND (EXISTS (SELECT 1 FROM sc_contracts c WHERE c.organisation_id = @OrganisationId AND c.product_id = p.id)
                   OR EXISTS (SELECT 1 FROM sc_installations i
                              WHERE i.organisation_id = @OrganisationId AND i.product_id = p.id AND i.removed_at IS NULL))
            """, new { OrganisationId = organisationId, ProductId = productId, Open = RenewalRequestStates.Open }, tx);

    /// <summary>"2026-01-01 – 2026-12-31" for the latest period that is not cancelled, or null.</summary>
    public static async Task<string?> LastPeriodAsync(DbConnection c, DbTransaction? tx, long organisationId, long productId)
    {
        var row = await c.QueryFirstOrDefaultAsync<PeriodRow>("""
            SELECT starts_on AS StartsOn, ends_on AS EndsOn FROM sc_contracts
            WHERE organisation_id = @OrganisationId AND product_id = @ProductId AND cancelled_at IS NULL
            ORDER BY starts_on DESC, id DESC
            LIMIT 1
            """, new { OrganisationId = organisationId, ProductId = productId }, tx);
        return row is null
            ? null
            : $"{DisplayTime.Date(row.StartsOn)} – {DisplayTime.Date(row.EndsOn)}";
    }
}
