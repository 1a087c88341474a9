using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Downloads.Domain;
using Portal.Modules.Downloads.Releases;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

public sealed class UpdatesRuleTests
{
    private static (ReleaseRow, IReadOnlyList<long>) R(long id, string version, string kind, string appliesTo, string? severity = null, params long[] supersedes)
    {
        var v = ProductVersion.Parse(version);
        return (new ReleaseRow { Id = id, ProductCode = "KMS", Major = v.Major, Minor = v.Minor, Patch = v.Patch, Kind = kind, Severity = severity, AppliesTo = appliesTo, Status = "published" }, supersedes);
    }

    [Fact]
    public void Newer_applicable_releases_only_superseded_left_out_critical_first()
    {
        var published = new[]
        {
            R(1, "8.5.1", "patch", "8.5.0", "moderate"),
            R(2, "8.5.2", "patch", ">=8.5.0 <8.5.2", "important", 1),
            R(3, "8.5.3", "patch", ">=8.5.0 <8.5.3", "critical"),
            R(4, "8.6.0", "upgrade", ">=8.0 <8.6"),
            R(5, "9.0.0", "upgrade", ">=8.0 <9.0"),
            R(6, "9.0.0", "manual", ">=9.0 <10.0"),
            R(7, "8.4.0", "tool", "*"),
        };

        Assert.Equal([3L, 2L, 5L, 4L], Updates.For(ProductVersion.Parse("8.5.0"), published).Select(r => r.Id));
        Assert.Equal([3L, 2L, 5L, 4L], Updates.For(ProductVersion.Parse("8.5.1"), published).Select(r => r.Id));
        Assert.Equal([5L], Updates.For(ProductVersion.Parse("8.6.0"), published).Select(r => r.Id));
        Assert.Empty(Updates.For(ProductVersion.Parse("9.0.0"), published));
    }

    [Fact]
    public void A_release_superseded_by_one_that_does_not_apply_still_shows()
    {
        var published = new[] { R(1, "8.5.1", "patch", "8.5.0", "low"), R(2, "8.6.1", "patch", ">=8.6.0 <8.6.1", "low", 1) };

        Assert.Equal([1L], Updates.For(ProductVersion.Parse("8.5.0"), published).Select(r => r.Id));
    }
}
