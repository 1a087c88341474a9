using System.Text.RegularExpressions;
using Portal.Web;
using Portal.Web.Localization;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

/// <summary>Every English string of the staff contract pages and of the contract rules' messages has
/// a Chinese translation, and the views keep to the CSP.</summary>
public sealed partial class ContractStringsTests
{
    private static readonly string ModuleFolder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Modules", "Portal.Modules.ServiceContracts");

    [GeneratedRegex(@"(?:\bL\[|[lL]ocalizer\[|ErrorMessage = |const string \w+ = |=> ""|\? ""|: ""|\[""[a-z]*"", |""\]\s*,\s*\[""|\[\[""[a-z]*"", )""((?:[^""\\]|\\.)+)""")]
    private static partial Regex KeyPattern();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(ModuleFolder, "Areas", "Contracts", "Pages", "Manage", "ServiceContracts"), "*.cs*")
            .Concat([Path.Combine(ModuleFolder, "Periods", "ContractWriter.cs"), Path.Combine(ModuleFolder, "Periods", "ContractInput.cs")]);

    [Fact]
    public void Every_string_of_the_contract_pages_is_translated()
    {
        var table = new StringTable([typeof(ServiceContractsModule).Assembly, typeof(Accounts.AccountsModule).Assembly, typeof(WebServiceCollectionExtensions).Assembly])
            .For(PortalCultures.Chinese);
        var keys = SourceFiles().SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(k => k.Key.Length > 1 && char.IsUpper(k.Key[0]) || k.Key.StartsWith('(') || k.Key.StartsWith('{') || k.Key == "major upgrades")
            .Where(k => !k.Key.Contains(" AND ", StringComparison.Ordinal) && !k.Key.StartsWith("Id", StringComparison.Ordinal))
            .ToList();

        Assert.True(keys.Count > 60, $"Only {keys.Count} strings found; the pattern no longer matches the sources.");
        var missing = keys.Where(k => !table.ContainsKey(k.Key)).Select(k => $"{k.File}: {k.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Untranslated:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void The_views_use_no_inline_script_or_style()
    {
        var views = Directory.EnumerateFiles(Path.Combine(ModuleFolder, "Areas", "Contracts"), "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(views);
        foreach (var view in views)
        {
            var text = File.ReadAllText(view);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"\son[a-z]+=", text);
        }
    }
}
