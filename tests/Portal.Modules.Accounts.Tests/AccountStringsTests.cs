using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Web;
using Portal.Web.Localization;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

/// <summary>Every user-visible English string of the self-service pages has a Chinese translation,
/// every entry of the module's account string table is still used, and the views keep to the CSP.</summary>
public sealed partial class AccountStringsTests
{
    private static readonly string ModuleFolder = Path.Combine(RepositoryRoot(), "src", "Modules", "Portal.Modules.Accounts");

    // The places where English keys appear in the self-service pages and the Identity classes.
    [GeneratedRegex(@"(?:\bL\[|localizer\[|ErrorMessage = |Display\(Name = |Localize\(localizer, [^,]+,\s*|Error\(nameof\(\w+\), |new\(""[a-z-]+"", |NavSection\.Account, |const string \w+ = (?=""[A-Z][^""]*[.?!]""))""((?:[^""\\]|\\.)+)""")]
    private static partial Regex KeyPattern();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(ModuleFolder, "Areas", "Account"), "*.cs*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(ModuleFolder, "Identity"), "*.cs"))
            .Append(Path.Combine(ModuleFolder, "AccountsModule.cs"));

    [Fact]
    public void Every_string_of_the_account_pages_is_translated()
    {
        var table = new StringTable([typeof(AccountsModule).Assembly, typeof(WebServiceCollectionExtensions).Assembly]).For(PortalCultures.Chinese);
        var keys = SourceFiles().SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))).ToList();

        Assert.True(keys.Count > 100, $"Only {keys.Count} strings found; the pattern no longer matches the sources.");
        var missing = keys.Where(k => !table.ContainsKey(k.Key)).Select(k => $"{k.File}: {k.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Untranslated:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_entry_of_the_account_string_table_is_used()
    {
        var sources = string.Join('\n', Directory.EnumerateFiles(ModuleFolder, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(
            File.ReadAllText(Path.Combine(ModuleFolder, "Resources", "account.zh-CN.strings.json")))!;

        var unused = entries.Keys.Where(k => !sources.Contains($"\"{k}\"", StringComparison.Ordinal)).ToList();
        Assert.True(unused.Count == 0, "Unused:\n" + string.Join('\n', unused));
    }

    [Fact]
    public void The_views_use_no_inline_script_or_style()
    {
        var views = Directory.EnumerateFiles(Path.Combine(ModuleFolder, "Areas", "Account"), "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(views);
        foreach (var view in views)
        {
            var text = File.ReadAllText(view);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"\son[a-z]+=", text);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Portal.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
