using System.Globalization;

namespace Portal.Modules.Downloads.Releases;

/// <summary>The English texts (localization keys) of stored words, badge colours and sizes (dates: Portal.Web's DisplayTime).</summary>
public static class ReleaseLabels
{
    public static string Kind(string kind) => kind switch
    {
        "patch" => "Patch",
        "upgrade" => "Upgrade package",
        "tool" => "Tool",
        "manual" => "Manual",
        "media" => "Installation media",
        _ => kind,
    };

    /// <summary>The same words and colours as a release hit in search (one definition for both).</summary>
    public static string Severity(string? severity) => Knowledge.Contracts.ReleaseHitLabels.Severity(severity);

    /// <summary>Bootstrap badge colour of a severity.</summary>
    public static string SeverityClass(string? severity) => Knowledge.Contracts.ReleaseHitLabels.SeverityClass(severity);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
    };
}
