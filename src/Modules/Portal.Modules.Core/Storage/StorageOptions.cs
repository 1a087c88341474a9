namespace Portal.Modules.Core.Storage;

/// <summary>Settings under "Portal:Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Portal:Storage";

    /// <summary>Readiness (/healthz) fails when the data folder's disk has less free space than this.</summary>
    public double MinFreeMegabytes { get; set; } = 100;
}
