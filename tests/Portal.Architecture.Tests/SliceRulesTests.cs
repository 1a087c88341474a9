using Portal.Architecture.Tests.Fixtures;
using Xunit;

namespace Portal.Architecture.Tests;

public sealed class SliceRulesTests
{
    [Fact]
    public void Page_models_take_no_data_access_types()
    {
        var dataAccess = SliceRules.DataAccessTypes(ModuleAssemblies.All.SelectMany(m => m.Assembly.GetTypes()));

        var problems = ModuleAssemblies.All.SelectMany(m => SliceRules.PageModels(m.Assembly))
            .Concat(SliceRules.PageModels(typeof(Portal.Web.WebServiceCollectionExtensions).Assembly))
            .SelectMany(p => SliceRules.Problems(p, dataAccess))
            .ToList();

        Assert.True(problems.Count == 0, "Page models that reach data without the mediator:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Slice_check_finds_every_way_a_page_model_can_take_data_access()
    {
        var dataAccess = SliceRules.DataAccessTypes(typeof(FixtureStore).Assembly.GetTypes());

        var problems = new[] { typeof(PageTakingDb), typeof(PageTakingStore), typeof(PageTakingFileStoreFromServices), typeof(GoodSlicePage) }
            .SelectMany(p => SliceRules.Problems(p, dataAccess)).ToList();

        Assert.Contains(dataAccess, t => t == typeof(FixtureStore));
        Assert.Contains(dataAccess, t => t == typeof(FixtureService));
        Assert.Contains(problems, p => p.StartsWith(typeof(PageTakingDb).FullName + ": constructor parameter db is Portal.Modules.Core.Data.IDb", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(typeof(PageTakingStore).FullName + ": constructor parameter service is " + typeof(FixtureService).FullName, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(typeof(PageTakingFileStoreFromServices).FullName + ": method OnGetAsync parameter files", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains(nameof(GoodSlicePage), StringComparison.Ordinal));
    }

    [Fact]
    public void SQL_names_only_the_modules_own_tables()
    {
        var prefixes = MigrationRules.ModulePrefixes();

        var problems = ModuleAssemblies.All
            .SelectMany(m => SqlTableRules.Problems(m.Name, SqlTableRules.StringLiterals(m.Assembly.Location), prefixes))
            .ToList();

        Assert.True(prefixes.Count >= 5, "table prefixes found: " + string.Join(", ", prefixes));
        Assert.True(problems.Count == 0, "SQL naming another module's tables:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void SQL_check_reports_another_modules_table_in_any_string_of_the_code()
    {
        var prefixes = new Dictionary<string, string> { ["Accounts"] = "acc_", ["Knowledge"] = "kb_", ["Fixture"] = "fx_" };

        // The literals are read from the compiled assembly, as for the real modules.
        var literals = SqlTableRules.StringLiterals(typeof(CrossModuleSql).Assembly.Location).ToHashSet(StringComparer.Ordinal);
        var problems = SqlTableRules.Problems("Fixture", CrossModuleSql.All().Where(literals.Contains), prefixes).ToList();

        Assert.All(CrossModuleSql.All(), l => Assert.Contains(l, literals));
        Assert.Contains(problems, p => p.StartsWith("Fixture: names Accounts's table 'acc_users'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Fixture: names Knowledge's table 'kb_articles'", StringComparison.Ordinal));
        // Its own fx_ table, a file name and a template key are not reported.
        Assert.Equal(2, problems.Count);
    }
}
