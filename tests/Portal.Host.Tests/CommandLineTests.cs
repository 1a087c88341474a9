using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_applies_every_script_once_and_prints_the_count(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var first = await HostProcess.RunAsync(database, "migrate");
        Assert.True(first.ExitCode == 0, first.ToString());
        var journalled = await CountAsync(database, "SELECT COUNT(*) FROM schema_migrations");
        Assert.True(journalled > 0);
        Assert.Contains($"Migrations applied: {journalled}.", first.Output, StringComparison.Ordinal);

        var second = await HostProcess.RunAsync(database, "migrate");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Migrations applied: 0.", second.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_of_a_missing_folder_fails_and_says_which_folder(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var missing = Path.Combine(database.DataPath, "no-such-content");

        var run = await HostProcess.RunAsync(database, "import", missing);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"the content folder {missing} does not exist", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_of_the_shipped_content_leaves_the_demo_accounts_out(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var run = await HostProcess.RunAsync(database, "import", RepositoryPaths.Content);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Imported {RepositoryPaths.Content}", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(database, "SELECT COUNT(*) FROM acc_users"));
        Assert.False(File.Exists(Path.Combine(database.DataPath, "demo-accounts.txt")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reindex_rebuilds_the_search_index_from_the_database(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var import = await HostProcess.RunAsync(database, "import", RepositoryPaths.Content);
        Assert.True(import.ExitCode == 0, import.ToString());
        var articles = await CountAsync(database, "SELECT COUNT(*) FROM kb_articles WHERE status = 'published'");

        var run = await HostProcess.RunAsync(database, "reindex");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Search index rebuilt: ", run.Output, StringComparison.Ordinal);
        var documents = int.Parse(run.Output.Split("Search index rebuilt: ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(documents >= articles && articles > 0, run.ToString());
        Assert.True(Directory.EnumerateFiles(Path.Combine(database.DataPath, "search-lucene"), "segments_*").Any(), "no committed Lucene index");
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage_with_the_modules_commands()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var run = await HostProcess.RunAsync(database, "frobnicate");
        Assert.Equal(64, run.ExitCode);
        Assert.Contains("reindex", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_migration_changed_after_it_was_applied_stops_the_start_with_exit_code_1(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var migrate = await HostProcess.RunAsync(database, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        await ExecuteAsync(database, "UPDATE schema_migrations SET checksum = 'tampered' WHERE module = 'Accounts' AND version = 1");

        var start = await HostProcess.RunAsync(database, "--urls", "http://127.0.0.1:0");

        Assert.True(start.ExitCode == 1, start.ToString());
        Assert.Contains("Cannot start: Migration Accounts 0001_accounts", start.Errors, StringComparison.Ordinal);
        Assert.Contains("was changed after it was applied", start.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Portal is running", start.Output, StringComparison.Ordinal);
    }

    private static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var services = await TestServices.BuildAsync(database);
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var services = await TestServices.BuildAsync(database);
        await services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteAsync(sql, transaction: tx));
    }
}
