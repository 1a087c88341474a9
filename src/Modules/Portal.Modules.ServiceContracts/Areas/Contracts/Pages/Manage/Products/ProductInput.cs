using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using Portal.Modules.ServiceContracts.Catalog;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.Products;

/// <summary>The fields of the product create and edit forms.</summary>
public sealed class ProductInput
{
    [Required(ErrorMessage = "Enter a product code.")]
    [StringLength(32, ErrorMessage = "The product code can be at most 32 characters long.")]
    [RegularExpression("^[A-Z0-9-]+$", ErrorMessage = "The product code may contain only capital letters A–Z, digits and hyphens.")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Enter the Chinese name.")]
    [StringLength(200, ErrorMessage = "The name can be at most 200 characters long.")]
    public string NameZh { get; set; } = "";

    [Required(ErrorMessage = "Enter the English name.")]
    [StringLength(200, ErrorMessage = "The name can be at most 200 characters long.")]
    public string NameEn { get; set; } = "";

    public bool IsActive { get; set; } = true;
}

/// <summary>The fields of the version form.</summary>
public sealed class VersionInput
{
    [Required(ErrorMessage = "Enter the version as major.minor.patch with numbers only, e.g. 8.5.2.")]
    [StringLength(20, ErrorMessage = "Enter the version as major.minor.patch with numbers only, e.g. 8.5.2.")]
    public string Version { get; set; } = "";

    [DataType(DataType.Date)]
    public DateOnly? Released { get; set; }
}

internal static class ProductRules
{
    public const string DuplicateCode = "A product with the code {0} already exists.";
    public const string DuplicateVersion = "Version {0} of this product already exists.";
    public const string BadVersion = "Enter the version as major.minor.patch with numbers only, e.g. 8.5.2.";

    public static async Task<bool> CodeTakenAsync(DbConnection c, DbTransaction tx, string code, long exceptId) =>
        await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_products WHERE code = @code AND id <> @exceptId", new { code, exceptId }, tx) > 0;

    public static CatalogResult CodeResult(string code) => CatalogResult.Invalid("Input.Code", DuplicateCode, code);
}
