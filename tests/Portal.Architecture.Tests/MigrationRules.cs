using System.Text.RegularExpressions;
using Portal.Modules.Core.Data;

namespace Portal.Architecture.Tests;

/// <summary>Each module owns its tables, named with its prefix; its migrations create, alter,
/// index, fill or reference no other table (no foreign keys across modules). The kernel owns
/// the outbox, the Data Protection key ring and the migration journal.</summary>
internal static partial class MigrationRules
{
    public static readonly IReadOnlySet<string> KernelTables = new HashSet<string>(StringComparer.Ordinal) { "outbox", "dp_keys", "schema_migrations", "file_uploads", "health_probes" };

    /// <summary>Each module's table prefix as its migrations show it: the part up to the first '_'
    /// that most of the tables it creates share (a table that strays is reported by
    /// <see cref="TableProblems"/>). The kernel, whose tables are named, has none.</summary>
    public static IReadOnlyDictionary<string, string> PrefixesFromMigrations(IEnumerable<Migration> migrations) =>
        migrations.Where(m => m.Module != ModuleAssembly.Kernel)
            .SelectMany(m => CreateTable().Matches(WithoutComments(m.Sql)).Select(match => (m.Module, Table: TableName(match))))
            .Where(t => t.Table.Contains('_'))
            .GroupBy(t => t.Module, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(t => t.Table[..(t.Table.IndexOf('_') + 1)], StringComparer.Ordinal)
                .OrderByDescending(p => p.Count()).First().Key, StringComparer.Ordinal);

    /// <summary>The prefixes of the real modules, from their migrations in both dialects.</summary>
    public static IReadOnlyDictionary<string, string> ModulePrefixes() =>
        PrefixesFromMigrations(ModuleAssemblies.All.SelectMany(m => Dialects.SelectMany(d => Migration.FromAssembly(m.Name, m.Assembly, d))));

    public static readonly IReadOnlyList<string> Dialects = ["sqlite", "postgres"];

    /// <summary>Table names a script creates or touches, with the line they appear on.</summary>
    public static IEnumerable<(string Table, int Line)> TablesIn(string sql)
    {
        var text = WithoutComments(sql);
        foreach (var regex in new[] { CreateTable(), AlterOrDropTable(), CreateIndex(), References(), InsertInto() })
        foreach (Match match in regex.Matches(text))
        {
            yield return (TableName(match), text[..match.Index].Count(c => c == '\n') + 1);
        }
    }

    private static string TableName(Match match) =>
        match.Groups["name"].Value.Split('.')[^1].Trim('"', '`', '[', ']').ToLowerInvariant();

    public static IEnumerable<string> TableProblems(Migration migration, string dialect, IReadOnlyDictionary<string, string> prefixes)
    {
        var where = $"{migration.Module} {dialect}/{migration.Version:0000}_{migration.Name}.sql";
        if (migration.Module == ModuleAssembly.Kernel)
        {
            foreach (var (table, line) in TablesIn(migration.Sql).Where(t => !KernelTables.Contains(t.Table)).Distinct())
                yield return $"{where}:{line}: table '{table}' is not one of the kernel's ({string.Join(", ", KernelTables)})";
            yield break;
        }
        if (!prefixes.TryGetValue(migration.Module, out var prefix))
        {
            yield return $"{where}: module {migration.Module} has no table prefix (its migrations create no table named prefix_name)";
            yield break;
        }
        foreach (var (table, line) in TablesIn(migration.Sql).Where(t => !t.Table.StartsWith(prefix, StringComparison.Ordinal)).Distinct())
            yield return $"{where}:{line}: table '{table}' does not start with the module's prefix '{prefix}'";
    }

    /// <summary>Versions present in one dialect but not the other.</summary>
    public static IEnumerable<string> DialectProblems(string module, IReadOnlyList<Migration> sqlite, IReadOnlyList<Migration> postgres)
    {
        foreach (var m in sqlite.Where(s => postgres.All(p => p.Version != s.Version)))
            yield return $"{module}: sqlite/{m.Version:0000}_{m.Name}.sql has no postgres migration numbered {m.Version:0000}";
        foreach (var m in postgres.Where(p => sqlite.All(s => s.Version != p.Version)))
            yield return $"{module}: postgres/{m.Version:0000}_{m.Name}.sql has no sqlite migration numbered {m.Version:0000}";
    }

    // Comments are blanked rather than removed so that line numbers stay right.
    private static string WithoutComments(string sql) =>
        Comments().Replace(sql, m => new string(m.Value.Select(c => c == '\n' ? '\n' : ' ').ToArray()));

    private const string Name = """(?<name>(?:"[^"]+"|[\w]+)(?:\.(?:"[^"]+"|[\w]+))?)""";

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"\bCREATE\s+(?:(?:TEMP|TEMPORARY|UNLOGGED|VIRTUAL)\s+)*TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + Name, RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"\b(?:ALTER|DROP)\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?" + Name, RegexOptions.IgnoreCase)]
    private static partial Regex AlterOrDropTable();

    [GeneratedRegex(@"\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:[\w""]+\s+)?ON\s+(?:ONLY\s+)?" + Name, RegexOptions.IgnoreCase)]
    private static partial Regex CreateIndex();

    [GeneratedRegex(@"\bREFERENCES\s+" + Name, RegexOptions.IgnoreCase)]
    private static partial Regex References();

    [GeneratedRegex(@"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+" + Name, RegexOptions.IgnoreCase)]
    private static partial Regex InsertInto();
}
