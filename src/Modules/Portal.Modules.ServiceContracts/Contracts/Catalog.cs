using System.Globalization;
using MediatR;

namespace Portal.Modules.ServiceContracts.Contracts;

/// <summary>A released version of a product; <see cref="Released"/> is a date in the vendor's time zone.</summary>
public sealed record ProductVersionInfo(ProductVersion Version, DateOnly? Released);

/// <summary>A product of the catalog with its versions, oldest first.</summary>
public sealed record ProductInfo(long Id, string Code, string NameZh, string NameEn, bool IsActive, IReadOnlyList<ProductVersionInfo> Versions)
{
    /// <summary>The name in the language of <paramref name="culture"/> (Chinese unless it is English).</summary>
    public string Name(CultureInfo culture) => culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? NameEn : NameZh;

    public bool HasVersion(ProductVersion version) => Versions.Any(v => v.Version == version);
}

/// <summary>The catalog ordered by code; inactive products only when asked for.</summary>
public sealed record ListProducts(bool IncludeInactive = false) : IRequest<IReadOnlyList<ProductInfo>>;

/// <summary>One product by its code (active or not), or null.</summary>
public sealed record GetProduct(string Code) : IRequest<ProductInfo?>;

/// <summary>A product installed at a customer organisation (its installed base).</summary>
public sealed record InstallationInfo(long Id, long OrganisationId, string ProductCode, ProductVersion Version, string? Site, string? SerialNumber);

/// <summary>The installations of one organisation (removed ones left out), by product code and version.</summary>
public sealed record ListInstallations(long OrganisationId) : IRequest<IReadOnlyList<InstallationInfo>>;

/// <summary>Every organisation's installations of one product (removed ones left out), by organisation:
/// whom to tell about a new release of it.</summary>
public sealed record ListProductInstallations(string ProductCode) : IRequest<IReadOnlyList<InstallationInfo>>;
