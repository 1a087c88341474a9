using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Downloads.Releases;

/// <summary>What staff (or a content file) say about a release; checked by <see cref="Validate"/>.</summary>
public sealed record ReleaseInput(
    string ProductCode,
    ProductVersion Version,
    string Kind,
    string TitleZh,
    string TitleEn,
    string NotesZh,
    string NotesEn,
    string? Severity,
    string AppliesTo,
    bool IsPublic)
{
    /// <summary>English problems (keys of the localizer), empty when the input is valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (!ReleaseVocabulary.IsKind(Kind)) yield return "The kind must be patch, upgrade, tool, manual or media.";
        if (Kind == "patch" && !ReleaseVocabulary.IsSeverity(Severity)) yield return "A patch needs a severity: critical, important, moderate or low.";
        if (Kind != "patch" && Severity is not null) yield return "Only patches have a severity.";
        if (string.IsNullOrWhiteSpace(TitleZh) || string.IsNullOrWhiteSpace(TitleEn)) yield return "The release needs a title in both languages.";
        if (TitleZh.Length > 200 || TitleEn.Length > 200) yield return "A title may have at most 200 characters.";
        if (!VersionRange.TryParse(AppliesTo, out _)) yield return "The versions it applies to are not a version range (e.g. >=8.5.0 <8.5.2, or *).";
    }

    /// <summary>The range in its normal form (">=8.5.0 &lt;8.5.2", "*").</summary>
    public string NormalRange => VersionRange.TryParse(AppliesTo, out var r) ? r.ToString() : AppliesTo;
}
