using Portal.Modules.Downloads.Releases;
using Portal.Web;
using Portal.Web.Localization;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

/// <summary>Labels looked up at run time (kinds, severities) have Chinese translations, which the
/// architecture test cannot find in the sources; the views keep to the CSP.</summary>
public sealed class DownloadsStringsTests
{
    [Fact]
    public void Kind_and_severity_labels_are_translated()
    {
        var table = new StringTable([typeof(DownloadsModule).Assembly, typeof(WebServiceCollectionExtensions).Assembly]).For(PortalCultures.Chinese);

        var labels = ReleaseVocabulary.Kinds.Select(ReleaseLabels.Kind).Concat(ReleaseVocabulary.Severities.Select(ReleaseLabels.Severity)).ToList();

        Assert.Equal(9, labels.Distinct().Count());
        Assert.All(labels, label => Assert.True(table.ContainsKey(label), $"no zh-CN for \"{label}\""));
    }

    [Fact]
    public void The_views_use_no_inline_script_or_style()
    {
        var views = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "Modules", "Portal.Modules.Downloads", "Areas"), "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(views);
        foreach (var view in views)
        {
            var text = File.ReadAllText(view);
            Assert.DoesNotMatch(@"(?i)<script(?![^>]*\ssrc=)", text);
            Assert.DoesNotContain("style=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"\son[a-z]+=", text);
        }
    }
}
