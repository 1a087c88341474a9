using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Portal.Modules.Core.Modules;

namespace Portal.Modules.Core.Data;

/// <summary>Applies every module's pending migrations, each in its own transaction together with
/// its journal row in schema_migrations. A script whose checksum differs from the journalled one
/// stops the run: applied migrations are history and must not be edited.</summary>
public sealed class MigrationRunner(IDb db, IEnumerable<PortalModule> modules, TimeProvider clock, ILogger<MigrationRunner> logger)
{
    private const string JournalSqlite = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
            checksum TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))
        """;

    private const string JournalPostgres = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
            checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (module, version))
        """;

    public IReadOnlyList<Migration> AllMigrations() =>
        modules.OrderBy(m => m.Order).ThenBy(m => m.Name, StringComparer.Ordinal)
            .SelectMany(m => Migration.FromAssembly(m.Name, m.Assembly, db.Dialect.Name)).ToList();

    /// <summary>Applies what is pending; returns how many scripts ran.</summary>
    public async Task<int> MigrateAsync(CancellationToken ct = default)
    {
        await EnsureJournalAsync(ct);
        var applied = 0;
        foreach (var migration in AllMigrations())
        {
            var ran = await db.WriteAsync(async (connection, tx) =>
            {
                await LockAsync(connection, tx);
                var checksum = await connection.QuerySingleOrDefaultAsync<string>(
                    "SELECT checksum FROM schema_migrations WHERE module = @Module AND version = @Version",
                    new { migration.Module, migration.Version }, tx);
                if (checksum is not null)
                {
                    if (checksum != migration.Checksum) throw ChangedScript(migration);
                    return false;
                }
                await connection.ExecuteAsync(migration.Sql, transaction: tx);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (module, version, name, checksum, applied_at) VALUES (@Module, @Version, @Name, @Checksum, @At)",
                    new { migration.Module, migration.Version, migration.Name, migration.Checksum, At = clock.GetUtcNow() }, tx);
                return true;
            }, ct);
            if (ran)
            {
                applied++;
                logger.LogInformation("Applied migration {Module} {Version:0000}_{Name}", migration.Module, migration.Version, migration.Name);
            }
        }
        return applied;
    }

    /// <summary>True when no migration was ever applied to this database.</summary>
    public async Task<bool> IsFreshAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        try
        {
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations") == 0;
        }
        catch (DbException)
        {
            return true;
        }
    }

    /// <summary>Migrations not yet applied, or applied with another checksum (for health checks).</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        Dictionary<(string, int), string> journal;
        try
        {
            journal = (await connection.QueryAsync<(string Module, int Version, string Checksum)>(
                    "SELECT module, version, checksum FROM schema_migrations"))
                .ToDictionary(r => (r.Module, r.Version), r => r.Checksum);
        }
        catch (DbException)
        {
            return ["the migration journal does not exist yet"];
        }
        var problems = new List<string>();
        foreach (var m in AllMigrations())
        {
            if (!journal.TryGetValue((m.Module, m.Version), out var checksum)) problems.Add($"{m.Module} {m.Version:0000}_{m.Name} pending");
            else if (checksum != m.Checksum) problems.Add($"{m.Module} {m.Version:0000}_{m.Name} changed after it was applied");
        }
        return problems;
    }

    private async Task EnsureJournalAsync(CancellationToken ct) =>
        await db.WriteAsync(async (c, tx) =>
        {
            await LockAsync(c, tx);
            await c.ExecuteAsync(db.Dialect is PostgresDialect ? JournalPostgres : JournalSqlite, transaction: tx);
        }, ct);

    // Nodes starting together must not run the same script twice; SQLite's IMMEDIATE transaction
    // already serializes writers.
    private async Task LockAsync(DbConnection connection, DbTransaction tx)
    {
        if (db.Dialect is PostgresDialect)
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(7231050)", transaction: tx);
    }

    private MigrationChecksumException ChangedScript(Migration m) => new(
        $"Migration {m.Module} {m.Version:0000}_{m.Name} ({db.Dialect.Name}) was changed after it was applied to this database " +
        $"(checksum now {m.Checksum[..12]}…). Applied migrations must not be edited: restore the original script and put the change in a new, higher-numbered migration.");
}
