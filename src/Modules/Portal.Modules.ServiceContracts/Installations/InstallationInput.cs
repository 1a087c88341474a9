using System.ComponentModel.DataAnnotations;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>The fields of the installation forms (customer and staff).</summary>
public sealed class InstallationInput
{
    /// <summary>The installed version; it also names the product.</summary>
    [Required(ErrorMessage = "Choose the product and version.")]
    [Range(1, long.MaxValue, ErrorMessage = "Choose the product and version.")]
    public long? VersionId { get; set; }

    [StringLength(200, ErrorMessage = "The site or host name can be at most 200 characters long.")]
    public string? Site { get; set; }

    [StringLength(100, ErrorMessage = "The serial number can be at most 100 characters long.")]
    public string? SerialNumber { get; set; }

    [StringLength(2000, ErrorMessage = "The notes can be at most 2000 characters long.")]
    public string? Notes { get; set; }

    /// <summary>The row_version the form was loaded with (optimistic concurrency).</summary>
    public int RowVersion { get; set; }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
