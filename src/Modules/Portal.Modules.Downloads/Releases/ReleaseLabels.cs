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

    public static string Severity(string? severity) => severity switch
    {
        "critical" => "Critical",
        "important" => "Important",
        "moderate" => "Moderate",
        "low" => "Low",
        _ => "",
    };

    /// <summary>Bootstrap badge colour of a severity.</summary>
    public static string SeverityClass(string? severity) => severity switch
    {
        "critical" => "text-bg-danger",
        "important" => "text-bg-warning",
        "moderate" => "text-bg-info",
        _ => "text-bg-secondary",
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
    };
}
