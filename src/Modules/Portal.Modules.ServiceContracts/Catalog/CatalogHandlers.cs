using Dapper;
using MediatR;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Data;

namespace Portal.Modules.ServiceContracts.Catalog;

/// <summary>Answers the catalog and installed-base requests of <c>Contracts</c> for other modules.</summary>
internal sealed class CatalogHandlers(IDb db) :
    IRequestHandler<ListProducts, IReadOnlyList<ProductInfo>>,
    IRequestHandler<GetProduct, ProductInfo?>,
    IRequestHandler<ListInstallations, IReadOnlyList<InstallationInfo>>
{
    private sealed class ProductRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public bool IsActive { get; set; }
    }

    private sealed class VersionRow
    {
        public long ProductId { get; set; }
        public int Major { get; set; }
        public int Minor { get; set; }
        public int Patch { get; set; }
        public DateOnly? ReleasedOn { get; set; }
    }

    private sealed class InstallationRow
    {
        public long Id { get; set; }
        public long OrganisationId { get; set; }
        public string ProductCode { get; set; } = "";
        public int Major { get; set; }
        public int Minor { get; set; }
        public int Patch { get; set; }
        public string? Site { get; set; }
        public string? SerialNumber { get; set; }
    }

    public async Task<IReadOnlyList<ProductInfo>> Handle(ListProducts request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var products = await c.QueryAsync<ProductRow>(
            "SELECT id AS Id, code AS Code, name_zh AS NameZh, name_en AS NameEn, is_active AS IsActive FROM sc_products"
            + (request.IncludeInactive ? "" : " WHERE is_active = @True") + " ORDER BY code", new { True = true });
        var versions = (await c.QueryAsync<VersionRow>(
            "SELECT product_id AS ProductId, major AS Major, minor AS Minor, patch AS Patch, released_on AS ReleasedOn FROM sc_product_versions"))
            .ToLookup(v => v.ProductId);
        return [.. products.Select(p => ToInfo(p, versions[p.Id]))];
    }

    public async Task<ProductInfo?> Handle(GetProduct request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var product = await c.QuerySingleOrDefaultAsync<ProductRow>(
            "SELECT id AS Id, code AS Code, name_zh AS NameZh, name_en AS NameEn, is_active AS IsActive FROM sc_products WHERE code = @Code",
            new { Code = request.Code.Trim().ToUpperInvariant() });
        if (product is null) return null;
        var versions = await c.QueryAsync<VersionRow>(
            "SELECT product_id AS ProductId, major AS Major, minor AS Minor, patch AS Patch, released_on AS ReleasedOn FROM sc_product_versions WHERE product_id = @Id",
            new { product.Id });
        return ToInfo(product, versions);
    }

    public async Task<IReadOnlyList<InstallationInfo>> Handle(ListInstallations request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<InstallationRow>("""
            SELECT i.id AS Id, i.organisation_id AS OrganisationId, p.code AS ProductCode, v.major AS Major, v.minor AS Minor, v.patch AS Patch,
                   i.site AS Site, i.serial_number AS SerialNumber
            FROM sc_installations i
            JOIN sc_products p ON p.id = i.product_id
            JOIN sc_product_versions v ON v.id = i.version_id
            WHERE i.organisation_id = @OrganisationId AND i.removed_at IS NULL
            ORDER BY p.code, v.major, v.minor, v.patch, i.id
            """, new { request.OrganisationId });
        return [.. rows.Select(r => new InstallationInfo(r.Id, r.OrganisationId, r.ProductCode, new ProductVersion(r.Major, r.Minor, r.Patch), r.Site, r.SerialNumber))];
    }

    private static ProductInfo ToInfo(ProductRow p, IEnumerable<VersionRow> versions) =>
        new(p.Id, p.Code, p.NameZh, p.NameEn, p.IsActive,
            [.. versions.Select(v => new ProductVersionInfo(new ProductVersion(v.Major, v.Minor, v.Patch), v.ReleasedOn)).OrderBy(v => v.Version)]);
}
