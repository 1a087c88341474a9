using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Downloads.Releases;

/// <summary>The words stored in dl_releases and used in content files and URLs.</summary>
internal static class ReleaseVocabulary
{
    public const string Draft = "draft";
    public const string Published = "published";

    public static readonly IReadOnlyList<string> Kinds = ["patch", "upgrade", "tool", "manual", "media"];

    /// <summary>Most urgent first.</summary>
    public static readonly IReadOnlyList<string> Severities = ["critical", "important", "moderate", "low"];

    public static bool IsKind(string? kind) => kind is not null && Kinds.Contains(kind, StringComparer.Ordinal);

    public static bool IsSeverity(string? severity) => severity is not null && Severities.Contains(severity, StringComparer.Ordinal);

    public static ReleaseKind KindOf(string kind) => kind switch
    {
        "patch" => ReleaseKind.Patch,
        "upgrade" => ReleaseKind.Upgrade,
        "tool" => ReleaseKind.Tool,
        "manual" => ReleaseKind.Manual,
        "media" => ReleaseKind.Media,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a release kind"),
    };

    /// <summary>0 for critical … 3 for low, 4 for none: sorts the most urgent first.</summary>
    public static int Rank(string? severity) => severity is null ? Severities.Count : Math.Max(0, Severities.IndexOf(severity));

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }
}
