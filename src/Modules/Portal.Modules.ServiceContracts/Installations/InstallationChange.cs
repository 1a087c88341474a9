namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>A version change of an installation (the first row is the installation itself).</summary>
public sealed class InstallationChange
{
    public DateTimeOffset ChangedAt { get; set; }
    public string? FromVersion { get; set; }
    public string ToVersion { get; set; } = "";
    public string? ChangedByName { get; set; }
    public string? Note { get; set; }
}
