using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class MigrationRunnerTests
{
    private const int TestModuleScripts = 5;
    private static readonly long[] AllFive = [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Fresh_database_gets_every_migration_and_its_tables(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = CoreTestHost.BuildUnmigrated(db);
        var runner = services.GetRequiredService<MigrationRunner>();
        var all = runner.AllMigrations();
        Assert.Contains(all, m => m.Module == "Core" && m.Version == 1);
        Assert.Equal(TestModuleScripts, all.Count(m => m.Module == CoreTestHost.ModuleName));
        Assert.True(await runner.IsFreshAsync());
        Assert.Equal(["the migration journal does not exist yet"], await runner.ProblemsAsync());

        var applied = await runner.MigrateAsync();

        Assert.Equal(all.Count, applied);
        Assert.False(await runner.IsFreshAsync());
        Assert.Empty(await runner.ProblemsAsync());
        var journal = await JournalAsync(services);
        Assert.Equal(all.Select(m => $"{m.Module}/{m.Version}/{m.Checksum}").Order(StringComparer.Ordinal),
            journal.Select(j => $"{j.Module}/{j.Version}/{j.Checksum}").Order(StringComparer.Ordinal));
        var tables = await TablesAsync(services);
        Assert.Contains("schema_migrations", tables);
        Assert.Contains("outbox", tables);
        Assert.Contains("dp_keys", tables);
        Assert.Contains("ct_probe_5", tables);
        Assert.Equal(AllFive, await LoggedVersionsAsync(services));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Second_run_applies_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = CoreTestHost.BuildUnmigrated(db);
        var runner = services.GetRequiredService<MigrationRunner>();
        Assert.True(await runner.MigrateAsync() > 0);
        var journal = await JournalAsync(services);

        Assert.Equal(0, await runner.MigrateAsync());

        Assert.Equal(journal.Count, (await JournalAsync(services)).Count);
        Assert.Equal(AllFive, await LoggedVersionsAsync(services));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changed_script_is_refused_naming_module_and_version(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = CoreTestHost.BuildUnmigrated(db);
        var runner = services.GetRequiredService<MigrationRunner>();
        await runner.MigrateAsync();
        await services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE schema_migrations SET checksum = 'x' WHERE module = @Module AND version = 3",
            new { Module = CoreTestHost.ModuleName }, tx));

        var ex = await Assert.ThrowsAsync<MigrationChecksumException>(() => runner.MigrateAsync());

        Assert.Contains($"{CoreTestHost.ModuleName} 0003_probe_3", ex.Message, StringComparison.Ordinal);
        Assert.Contains(provider, ex.Message, StringComparison.Ordinal);
        Assert.Equal([$"{CoreTestHost.ModuleName} 0003_probe_3 changed after it was applied"], await runner.ProblemsAsync());
        Assert.Equal(AllFive, await LoggedVersionsAsync(services));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Problems_list_pending_and_changed_scripts(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = CoreTestHost.BuildUnmigrated(db);
        var runner = services.GetRequiredService<MigrationRunner>();
        await runner.MigrateAsync();
        await services.GetRequiredService<IDb>().WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM schema_migrations WHERE module = @Module AND version = 5", new { Module = CoreTestHost.ModuleName }, tx);
            await c.ExecuteAsync("UPDATE schema_migrations SET checksum = 'x' WHERE module = 'Core' AND version = 1", transaction: tx);
        });

        var problems = await runner.ProblemsAsync();

        Assert.Equal(2, problems.Count);
        Assert.Contains("Core 0001_outbox changed after it was applied", problems);
        Assert.Contains($"{CoreTestHost.ModuleName} 0005_probe_5 pending", problems);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_migrating_at_once_run_each_script_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var first = CoreTestHost.BuildUnmigrated(db);
        await using var second = CoreTestHost.BuildUnmigrated(db);
        var total = first.GetRequiredService<MigrationRunner>().AllMigrations().Count;

        var applied = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<MigrationRunner>().MigrateAsync()),
            Task.Run(() => second.GetRequiredService<MigrationRunner>().MigrateAsync()));

        Assert.Equal(total, applied.Sum());
        var journal = await JournalAsync(first);
        Assert.Equal(total, journal.Count);
        Assert.Equal(total, journal.Select(j => (j.Module, j.Version)).Distinct().Count());
        // The scripts are not idempotent: each inserts its version once into ct_migration_log.
        Assert.Equal(AllFive, await LoggedVersionsAsync(first));
    }

    private sealed class JournalRow
    {
        public string Module { get; set; } = "";
        public long Version { get; set; }
        public string Checksum { get; set; } = "";
    }

    private static async Task<List<JournalRow>> JournalAsync(IServiceProvider services)
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return (await c.QueryAsync<JournalRow>("SELECT module AS Module, version AS Version, checksum AS Checksum FROM schema_migrations")).ToList();
    }

    private static async Task<List<long>> LoggedVersionsAsync(IServiceProvider services)
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return (await c.QueryAsync<long>("SELECT version FROM ct_migration_log ORDER BY version")).ToList();
    }

    private static async Task<List<string>> TablesAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<IDb>();
        await using var c = await db.OpenAsync();
        var sql = db.Dialect is PostgresDialect
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        return (await c.QueryAsync<string>(sql)).ToList();
    }
}
