using System.Data.Common;
using Dapper;

namespace Portal.Modules.ServiceContracts.Periods;

/// <summary>The reads the rules need, shared by the entitlement handlers and the staff pages.</summary>
internal static class PeriodQueries
{
    public static Task<long?> ProductIdAsync(DbConnection c, string productCode, DbTransaction? tx = null) =>
        c.ExecuteScalarAsync<long?>("SELECT id FROM sc_products WHERE code = @productCode", new { productCode }, tx);

    /// <summary>All periods (cancelled ones too) of one organisation for one product, oldest first.</summary>
    public static async Task<IReadOnlyList<ServicePeriod>> ForProductAsync(DbConnection c, long organisationId, long productId, DbTransaction? tx = null) =>
        [.. await c.QueryAsync<ServicePeriod>($"""
            SELECT {ServicePeriod.Columns} FROM sc_contracts c
            WHERE c.organisation_id = @organisationId AND c.product_id = @productId
            ORDER BY c.starts_on, c.id
            """, new { organisationId, productId }, tx)];

    /// <summary>The organisation's non-cancelled periods of every product that cover <paramref name="day"/>.</summary>
    public static async Task<IReadOnlyList<ServicePeriod>> CoveringAsync(DbConnection c, long organisationId, DateOnly day, DbTransaction? tx = null) =>
        [.. await c.QueryAsync<ServicePeriod>($"""
            SELECT {ServicePeriod.Columns} FROM sc_contracts c
            WHERE c.organisation_id = @organisationId AND c.cancelled_at IS NULL AND c.starts_on <= @day AND c.ends_on >= @day
            ORDER BY c.ends_on, c.id
            """, new { organisationId, day }, tx)];
}
