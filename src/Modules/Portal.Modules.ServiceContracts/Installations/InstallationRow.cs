using Portal.Web.Localization;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>An installation as the pages show it.</summary>
public sealed class InstallationRow
{
    internal const string Select = """
        SELECT i.id AS Id, i.organisation_id AS OrganisationId, i.product_id AS ProductId, p.code AS ProductCode,
               p.name_zh AS ProductNameZh, p.name_en AS ProductNameEn, i.version_id AS VersionId,
               v.major AS Major, v.minor AS Minor, v.patch AS Patch, i.site AS Site, i.serial_number AS SerialNumber,
               i.notes AS Notes, i.row_version AS RowVersion, i.created_at AS CreatedAt, i.updated_at AS UpdatedAt
        FROM sc_installations i
        JOIN sc_products p ON p.id = i.product_id
        JOIN sc_product_versions v ON v.id = i.version_id
        """;

    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public long ProductId { get; set; }
    public string ProductCode { get; set; } = "";
    public string ProductNameZh { get; set; } = "";
    public string ProductNameEn { get; set; } = "";
    public long VersionId { get; set; }
    public int Major { get; set; }
    public int Minor { get; set; }
    public int Patch { get; set; }
    public string? Site { get; set; }
    public string? SerialNumber { get; set; }
    public string? Notes { get; set; }
    public int RowVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Filled for staff, who see every organisation, from Accounts (null when it is unknown).</summary>
    public string? OrganisationName { get; set; }

    public string Version => $"{Major}.{Minor}.{Patch}";

    public string ProductName => PortalCultures.Pick(ProductNameZh, ProductNameEn);

    public InstallationInput ToInput() => new()
    {
        VersionId = VersionId, Site = Site, SerialNumber = SerialNumber, Notes = Notes, RowVersion = RowVersion,
    };
}
