using Microsoft.Data.Sqlite;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Writes documents into one index file inside one transaction, with its commands
/// prepared once for the whole batch.</summary>
internal sealed class IndexWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    public IndexWriter(SqliteConnection connection)
    {
        this.connection = connection;
        transaction = connection.BeginTransaction(deferred: false);
    }

    public static int VisibilityRank(string? visibility) => visibility?.ToLowerInvariant() switch
    {
        "public" => 0,
        "customers" => 1,
        _ => 2, // internal, and anything unknown: staff only
    };

    public void Upsert(SearchDocument document)
    {
        Delete(document.Key);
        var title = TextAnalyzer.AnalyzeDocument(document.Title);
        var tags = TextAnalyzer.AnalyzeDocument(string.Join(" , ", document.Tags));
        var body = TextAnalyzer.AnalyzeDocument(document.Body);
        var insert = Command("""
            INSERT INTO docs (key, type, lang, title, tags, body, url, vis, category, org_id, updated)
            VALUES ($key, $type, $lang, $title, $tags, $body, $url, $vis, $category, $org, $updated) RETURNING id
            """);
        insert.Parameters.AddWithValue("$key", document.Key);
        insert.Parameters.AddWithValue("$type", document.Type.ToLowerInvariant());
        insert.Parameters.AddWithValue("$lang", document.Lang.ToLowerInvariant());
        insert.Parameters.AddWithValue("$title", TextAnalyzer.Clean(document.Title));
        insert.Parameters.AddWithValue("$tags", TextAnalyzer.Clean(string.Join(", ", document.Tags)));
        insert.Parameters.AddWithValue("$body", TextAnalyzer.Clean(document.Body));
        insert.Parameters.AddWithValue("$url", document.Url);
        insert.Parameters.AddWithValue("$vis", VisibilityRank(document.Visibility));
        insert.Parameters.AddWithValue("$category", string.IsNullOrWhiteSpace(document.Category) ? DBNull.Value : document.Category);
        insert.Parameters.AddWithValue("$org", document.OrganisationId is { } org ? org : DBNull.Value);
        insert.Parameters.AddWithValue("$updated", document.Updated.ToUnixTimeMilliseconds());
        var id = (long)insert.ExecuteScalar()!;

        var fts = Command("INSERT INTO docs_fts (rowid, title, tags, body, runends) VALUES ($id, $title, $tags, $body, $runends)");
        fts.Parameters.AddWithValue("$id", id);
        fts.Parameters.AddWithValue("$title", title.Text);
        fts.Parameters.AddWithValue("$tags", tags.Text);
        fts.Parameters.AddWithValue("$body", body.Text);
        fts.Parameters.AddWithValue("$runends", string.Concat(title.RunEnds, tags.RunEnds, body.RunEnds));
        fts.ExecuteNonQuery();

        foreach (var product in document.Products.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal))
        {
            var p = Command("INSERT OR IGNORE INTO doc_products (doc_id, product) VALUES ($id, $product)");
            p.Parameters.AddWithValue("$id", id);
            p.Parameters.AddWithValue("$product", product);
            p.ExecuteNonQuery();
        }
    }

    public void Delete(string key)
    {
        var find = Command("SELECT id FROM docs WHERE key = $key");
        find.Parameters.AddWithValue("$key", key);
        if (find.ExecuteScalar() is not long id) return;
        foreach (var sql in new[] { "DELETE FROM docs_fts WHERE rowid = $id", "DELETE FROM doc_products WHERE doc_id = $id", "DELETE FROM docs WHERE id = $id" })
        {
            var delete = Command(sql);
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
        }
    }

    public void SetSequences(IReadOnlyDictionary<string, long> sequences)
    {
        foreach (var (name, value) in sequences)
        {
            var set = Command("INSERT INTO meta (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
            set.Parameters.AddWithValue("$name", "seq:" + name);
            set.Parameters.AddWithValue("$value", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            set.ExecuteNonQuery();
        }
    }

    public static Dictionary<string, long> ReadSequences(SqliteConnection connection)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, value FROM meta WHERE name LIKE 'seq:%'";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            result[reader.GetString(0)[4..]] = long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    public void Commit() => transaction.Commit();

    /// <summary>Folds the FTS5 segments into one, which makes queries on a fresh build faster.</summary>
    public static void Optimize(SqliteConnection connection)
    {
        connection.ExecuteNonQuery("INSERT INTO docs_fts (docs_fts) VALUES ('optimize'); PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
    }

    public void Dispose()
    {
        foreach (var command in commands.Values) command.Dispose();
        transaction.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            commands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }
}
