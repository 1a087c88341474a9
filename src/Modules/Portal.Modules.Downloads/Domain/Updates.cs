using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Downloads.Releases;

namespace Portal.Modules.Downloads.Domain;

/// <summary>What an installed version should get: the published releases of its product whose
/// version is newer than the installed one and whose applies-to range contains the installed
/// version, leaving out any release that another of those supersedes. Critical patches first, then
/// by severity, then the newest version first.</summary>
internal static class Updates
{
    public static IReadOnlyList<ReleaseRow> For(ProductVersion installed, IEnumerable<(ReleaseRow Release, IReadOnlyList<long> Supersedes)> published)
    {
        var applicable = published.Where(p => p.Release.Version > installed && p.Release.Range.Contains(installed)).ToList();
        var superseded = applicable.SelectMany(p => p.Supersedes).ToHashSet();
        return [.. applicable.Select(p => p.Release)
            .Where(r => !superseded.Contains(r.Id))
            .OrderBy(r => ReleaseVocabulary.Rank(r.Severity))
            .ThenByDescending(r => r.Version)
            .ThenBy(r => r.Id)];
    }
}
