namespace Portal.Modules.Downloads;

/// <summary>Settings under "Downloads".</summary>
public sealed class DownloadsOptions
{
    public const string Section = "Downloads";

    /// <summary>The largest file staff may upload (default 4 GiB); the request size limit is raised
    /// to this on the upload endpoint only.</summary>
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;
}
