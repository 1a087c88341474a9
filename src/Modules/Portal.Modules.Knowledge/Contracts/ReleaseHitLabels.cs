namespace Portal.Modules.Knowledge.Contracts;

/// <summary>How a release hit shows its type and severity: English keys (Chinese in the string
/// table; the severities are the download centre's own words) and the badge colours it uses.</summary>
public static class ReleaseHitLabels
{
    public const string Type = "release";

    public const string TypeLabel = "Product releases";

    public static string Severity(string? severity) => severity switch
    {
        "critical" => "Critical",
        "important" => "Important",
        "moderate" => "Moderate",
        "low" => "Low",
        _ => "",
    };

    public static string SeverityClass(string? severity) => severity switch
    {
        "critical" => "text-bg-danger",
        "important" => "text-bg-warning",
        "moderate" => "text-bg-info",
        _ => "text-bg-secondary",
    };
}
