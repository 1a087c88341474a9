using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;

namespace Portal.Host.Tests.BadInput;

/// <summary>The number of rows in every table of the test database, in one UNION ALL query.</summary>
internal sealed class RowCounts(IDb db, string sql)
{
    /// <summary>Tables that change on requests that are refused, on purpose.</summary>
    public static readonly IReadOnlyDictionary<string, string> Ignored = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["acc_audit_log"] = "refused sign-ins, forbidden actions and the like are audited",
        ["kb_search_queries"] = "every search is logged for the search insights page",
        ["kb_search_clicks"] = "search result clicks are counted",
        ["dl_download_log"] = "downloads are logged",
        ["outbox"] = "mail (lockout notices, background jobs) may be queued at any time",
        ["nt_messages"] = "the outbox's sent-mail record, written by the background sender",
        ["dp_keys"] = "data-protection keys are created on first use",
    };

    public static async Task<RowCounts> CreateAsync(IServiceProvider services, string provider)
    {
        var db = services.GetRequiredService<IDb>();
        IEnumerable<string> tables;
        await using (var connection = await db.OpenAsync())
        {
            tables = provider == "sqlite"
                ? await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                : await connection.QueryAsync<string>(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        }
        var counted = tables.Where(t => !Ignored.ContainsKey(t) && !Ignored.Keys.Any(i => t.StartsWith(i + "_", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal).ToList();
        var sql = new StringBuilder();
        foreach (var table in counted)
        {
            if (sql.Length > 0) sql.Append(" UNION ALL ");
            sql.Append($"SELECT '{table}' AS name, COUNT(*) AS n FROM \"{table}\"");
        }
        return new RowCounts(db, sql.ToString());
    }

    public async Task<Dictionary<string, long>> SnapshotAsync()
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<(string Name, long N)>(sql)).ToDictionary(r => r.Name, r => r.N, StringComparer.Ordinal);
    }

    public static string Difference(Dictionary<string, long> before, Dictionary<string, long> after) =>
        string.Join(", ", after.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => $"{a.Key} {before.GetValueOrDefault(a.Key)}→{a.Value}"));
}
