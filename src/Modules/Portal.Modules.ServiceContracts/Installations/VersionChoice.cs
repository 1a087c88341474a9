using Portal.Web.Localization;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>A version the installation forms offer, grouped by product.</summary>
public sealed class VersionChoice
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public string ProductCode { get; set; } = "";
    public string ProductNameZh { get; set; } = "";
    public string ProductNameEn { get; set; } = "";
    public int Major { get; set; }
    public int Minor { get; set; }
    public int Patch { get; set; }
    public DateOnly? ReleasedOn { get; set; }

    public string Version => $"{Major}.{Minor}.{Patch}";

    public string ProductName => PortalCultures.Pick(ProductNameZh, ProductNameEn);
}
