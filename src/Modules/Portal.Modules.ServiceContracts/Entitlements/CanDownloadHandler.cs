using Dapper;
using MediatR;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;

namespace Portal.Modules.ServiceContracts.Entitlements;

/// <summary>Manuals: anyone with the product installed or ever contracted (any non-cancelled period).
/// Patches and tools: inside a covered period. Upgrades and media: inside a covered period, and when
/// the release's major version is above the highest major the organisation has installed, only if
/// the covering period includes major upgrades; with no installation recorded, only then too.</summary>
internal sealed class CanDownloadHandler(IDb db, VendorDays days) : IRequestHandler<CanDownload, DownloadDecision>
{
    public static readonly DownloadDecision Allowed = new(true, DownloadDenial.None, null, false);

    public async Task<DownloadDecision> Handle(CanDownload request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var product = await c.QuerySingleOrDefaultAsync<ProductRow>(
            "SELECT id AS Id, code AS Code, name_zh AS NameZh, name_en AS NameEn FROM sc_products WHERE code = @ProductCode", new { request.ProductCode });
        if (product is null)
            return new DownloadDecision(false, request.Kind == ReleaseKind.Manual ? DownloadDenial.NotInstalled : DownloadDenial.NoContract, null, false);
        var periods = await PeriodQueries.ForProductAsync(c, request.OrganisationId, product.Id);
        var installedMajor = await c.ExecuteScalarAsync<long?>("""
            SELECT MAX(v.major) FROM sc_installations i JOIN sc_product_versions v ON v.id = i.version_id
            WHERE i.organisation_id = @OrganisationId AND i.product_id = @productId AND i.removed_at IS NULL
            """, new { request.OrganisationId, productId = product.Id });
        var decision = Decide(periods, installedMajor is null ? null : (int)installedMajor.Value, request.ReleaseVersion, request.Kind, days.DayOf(request.At));
        return decision with { Product = new CatalogProduct(product.Id, product.Code, product.NameZh, product.NameEn) };
    }

    private sealed class ProductRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
    }

    public static DownloadDecision Decide(IReadOnlyList<ServicePeriod> periods, int? installedMajor, ProductVersion release, ReleaseKind kind, DateOnly day)
    {
        var expiredOn = ContractRules.LastEndedBefore(periods, day);
        if (kind == ReleaseKind.Manual)
            return installedMajor is not null || periods.Any(p => !p.IsCancelled)
                ? Allowed
                : new DownloadDecision(false, DownloadDenial.NotInstalled, null, false);

        var covering = ContractRules.Covering(periods, day);
        if (covering is null)
        {
            if (expiredOn is not null) return new DownloadDecision(false, DownloadDenial.Expired, expiredOn, true);
            return periods.Any(p => !p.IsCancelled && p.StartsOn > day)
                ? new DownloadDecision(false, DownloadDenial.NotStarted, null, false)
                : new DownloadDecision(false, DownloadDenial.NoContract, null, true);
        }
        if (kind is ReleaseKind.Patch or ReleaseKind.Tool || covering.MajorUpgrades) return Allowed;
        if (installedMajor is null) return new DownloadDecision(false, DownloadDenial.NoInstallation, expiredOn, false);
        return release.Major > installedMajor
            ? new DownloadDecision(false, DownloadDenial.MajorUpgradeNotIncluded, expiredOn, true)
            : Allowed;
    }
}
