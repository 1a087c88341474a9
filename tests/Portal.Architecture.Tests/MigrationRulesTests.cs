using Portal.Modules.Core.Data;
using Xunit;

namespace Portal.Architecture.Tests;

public sealed class MigrationRulesTests
{
    [Fact]
    public void Every_module_table_uses_the_module_prefix()
    {
        var prefixes = MigrationRules.ModulePrefixes();
        var problems = ModuleAssemblies.All
            .SelectMany(m => MigrationRules.Dialects.SelectMany(d => Migration.FromAssembly(m.Name, m.Assembly, d)
                .SelectMany(migration => MigrationRules.TableProblems(migration, d, prefixes))))
            .ToList();

        Assert.True(problems.Count == 0, "Tables outside their module's prefix:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_module_has_the_same_migration_numbers_for_both_dialects()
    {
        var problems = ModuleAssemblies.All
            .SelectMany(m => MigrationRules.DialectProblems(m.Name,
                Migration.FromAssembly(m.Name, m.Assembly, "sqlite"), Migration.FromAssembly(m.Name, m.Assembly, "postgres")))
            .ToList();

        Assert.True(problems.Count == 0, "Migrations missing in one dialect:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Modules_with_tables_are_found()
    {
        // Guards the two tests above against passing on nothing (e.g. resources not embedded).
        var withTables = ModuleAssemblies.All
            .Where(m => MigrationRules.Dialects.All(d => Migration.FromAssembly(m.Name, m.Assembly, d).Any(x => MigrationRules.TablesIn(x.Sql).Any())))
            .Select(m => m.Name);

        Assert.Contains("Core", withTables);
        Assert.Contains("Accounts", withTables);
    }

    [Fact]
    public void Table_names_are_found_wherever_a_script_touches_a_table()
    {
        const string sql = """
            -- CREATE TABLE commented_out (id INTEGER);
            CREATE TABLE IF NOT EXISTS fb_tickets (id INTEGER PRIMARY KEY,
                user_id BIGINT REFERENCES acc_users (id));
            /* ALTER TABLE hidden ADD x INT; */
            create virtual table "kb_search" using fts5(body);
            ALTER TABLE public.sv_answers ADD COLUMN note TEXT;
            CREATE UNIQUE INDEX IF NOT EXISTS ux_dl ON dl_files (sha256);
            INSERT INTO nt_templates (name) VALUES ('x') ON CONFLICT (name) DO UPDATE SET name = excluded.name;
            DROP TABLE IF EXISTS tr_old;
            """;

        var tables = MigrationRules.TablesIn(sql).OrderBy(t => t.Line).ThenBy(t => t.Table, StringComparer.Ordinal).ToList();

        Assert.Equal(
            [("fb_tickets", 2), ("acc_users", 3), ("kb_search", 5), ("sv_answers", 6), ("dl_files", 7), ("nt_templates", 8), ("tr_old", 9)],
            tables);
    }

    [Fact]
    public void Table_check_reports_foreign_tables_and_unknown_modules()
    {
        var feedback = new Migration("Feedback", 2, "tickets", "CREATE TABLE fb_tickets (id INTEGER, user_id INTEGER REFERENCES acc_users (id));\nCREATE TABLE tickets (id INTEGER);");
        var kernel = new Migration("Core", 3, "jobs", "CREATE TABLE outbox_archive (id INTEGER);");
        var unknown = new Migration("Billing", 1, "create", "CREATE TABLE bl_invoices (id INTEGER);");
        var prefixes = new Dictionary<string, string> { ["Feedback"] = "fb_" };

        Assert.Equal(
            [
                "Feedback sqlite/0002_tickets.sql:1: table 'acc_users' does not start with the module's prefix 'fb_'",
                "Feedback sqlite/0002_tickets.sql:2: table 'tickets' does not start with the module's prefix 'fb_'",
            ],
            MigrationRules.TableProblems(feedback, "sqlite", prefixes).Order(StringComparer.Ordinal));
        Assert.Equal(["Core postgres/0003_jobs.sql:1: table 'outbox_archive' is not one of the kernel's (outbox, dp_keys, schema_migrations, file_uploads, health_probes)"],
            MigrationRules.TableProblems(kernel, "postgres", prefixes));
        Assert.Contains("module Billing has no table prefix", Assert.Single(MigrationRules.TableProblems(unknown, "sqlite", prefixes)), StringComparison.Ordinal);
        Assert.Empty(MigrationRules.TableProblems(new Migration("Feedback", 1, "ok", "CREATE TABLE fb_x (id INTEGER);"), "sqlite", prefixes));
    }

    [Fact]
    public void Prefixes_come_from_the_tables_each_module_creates()
    {
        var prefixes = MigrationRules.PrefixesFromMigrations(
        [
            new Migration("Core", 1, "kernel", "CREATE TABLE outbox (id INTEGER);"),
            new Migration("Feedback", 1, "create", "CREATE TABLE fb_requests (id INTEGER);\nCREATE TABLE fb_replies (id INTEGER);"),
            new Migration("Feedback", 2, "stray", "-- CREATE TABLE xx_commented (id INTEGER);\nCREATE TABLE tickets_old (id INTEGER);"),
            new Migration("Training", 1, "create", "CREATE TABLE IF NOT EXISTS \"tr_courses\" (id INTEGER);"),
        ]);

        Assert.Equal(new Dictionary<string, string> { ["Feedback"] = "fb_", ["Training"] = "tr_" }, prefixes);
    }

    [Fact]
    public void Every_module_with_tables_has_its_own_prefix()
    {
        var prefixes = MigrationRules.ModulePrefixes();

        Assert.Equal("acc_", prefixes["Accounts"]);
        Assert.Equal("kb_", prefixes["Knowledge"]);
        Assert.Equal(prefixes.Count, prefixes.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(ModuleAssembly.Kernel, prefixes.Keys);
    }

    [Fact]
    public void Dialect_check_reports_a_version_missing_on_either_side()
    {
        Migration M(int version, string name) => new("Training", version, name, "SELECT 1;");

        var problems = MigrationRules.DialectProblems("Training", [M(1, "create"), M(2, "seats")], [M(1, "create"), M(3, "waitlist")]).ToList();

        Assert.Equal(
            [
                "Training: sqlite/0002_seats.sql has no postgres migration numbered 0002",
                "Training: postgres/0003_waitlist.sql has no sqlite migration numbered 0003",
            ],
            problems);
        Assert.Empty(MigrationRules.DialectProblems("Training", [M(1, "a")], [M(1, "b")]));
    }
}
