using Microsoft.Data.Sqlite;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Writes documents into one index file inside one transaction, with its commands
/// prepared once for the whole batch.</summary>
internal sealed class IndexWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> facetKeys = new(StringComparer.Ordinal);

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

    /// <summary>A document analyzed and cleaned for the index: the CPU work of a write, done
    /// before the write (a rebuild does it on another thread while the previous one is written).</summary>
    public sealed record Prepared(
        string Key, string Type, string Lang, string Title, string Body, string Url, int Visibility, string? Category, long? OrganisationId,
        long Updated, IReadOnlyList<string> Products, string TitleTokens, string TagTokens, string BodyTokens, string RunEnds);

    public static Prepared Prepare(SearchDocument document)
    {
        var title = TextAnalyzer.AnalyzeDocument(document.Title);
        var tags = TextAnalyzer.AnalyzeDocument(string.Join(" , ", document.Tags));
        var body = TextAnalyzer.AnalyzeDocument(document.Body);
        return new Prepared(document.Key, document.Type.ToLowerInvariant(), document.Lang.ToLowerInvariant(), TextAnalyzer.Sanitize(document.Title),
            TextAnalyzer.Sanitize(document.Body), document.Url, VisibilityRank(document.Visibility),
            string.IsNullOrWhiteSpace(document.Category) ? null : document.Category, document.OrganisationId, document.Updated.ToUnixTimeMilliseconds(),
            document.Products.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            title.Text, tags.Text, body.Text, string.Concat(title.RunEnds, tags.RunEnds, body.RunEnds));
    }

    public void Upsert(SearchDocument document) => Upsert(Prepare(document));

    public void Upsert(Prepared document)
    {
        Delete(document.Key);
        object category = document.Category is null ? DBNull.Value : document.Category;
        var insert = Command("""
            INSERT INTO docs (key, type, lang, title, url, category, updated, body)
            VALUES ($key, $type, $lang, $title, $url, $category, $updated, $body) RETURNING id
            """);
        insert.Parameters.AddWithValue("$key", document.Key);
        insert.Parameters.AddWithValue("$type", document.Type);
        insert.Parameters.AddWithValue("$lang", document.Lang);
        insert.Parameters.AddWithValue("$title", document.Title);
        insert.Parameters.AddWithValue("$url", document.Url);
        insert.Parameters.AddWithValue("$category", category);
        insert.Parameters.AddWithValue("$updated", document.Updated);
        insert.Parameters.AddWithValue("$body", document.Body);
        var id = (long)insert.ExecuteScalar()!;

        var facts = Command("""
            INSERT INTO facts (id, vis, org_id, updated, fk, type, lang, category)
            VALUES ($id, $vis, $org, $updated, $fk, $type, $lang, $category)
            """);
        facts.Parameters.AddWithValue("$id", id);
        facts.Parameters.AddWithValue("$vis", document.Visibility);
        facts.Parameters.AddWithValue("$org", document.OrganisationId is { } org ? org : DBNull.Value);
        facts.Parameters.AddWithValue("$updated", document.Updated);
        facts.Parameters.AddWithValue("$fk", FacetKey(document.Type, document.Lang, document.Category ?? "", string.Join(IndexSchema.ProductSeparator, document.Products)));
        facts.Parameters.AddWithValue("$type", document.Type);
        facts.Parameters.AddWithValue("$lang", document.Lang);
        facts.Parameters.AddWithValue("$category", category);
        facts.ExecuteNonQuery();

        var fts = Command("INSERT INTO docs_fts (rowid, title, tags, body, runends) VALUES ($id, $title, $tags, $body, $runends)");
        fts.Parameters.AddWithValue("$id", id);
        fts.Parameters.AddWithValue("$title", document.TitleTokens);
        fts.Parameters.AddWithValue("$tags", document.TagTokens);
        fts.Parameters.AddWithValue("$body", document.BodyTokens);
        fts.Parameters.AddWithValue("$runends", document.RunEnds);
        fts.ExecuteNonQuery();

        foreach (var product in document.Products)
        {
            var p = Command("INSERT INTO doc_products (doc_id, product) VALUES ($id, $product)");
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
        foreach (var sql in new[]
        {
            "DELETE FROM docs_fts WHERE rowid = $id", "DELETE FROM doc_products WHERE doc_id = $id", "DELETE FROM facts WHERE id = $id",
            "DELETE FROM docs WHERE id = $id",
        })
        {
            var delete = Command(sql);
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
        }
    }

    /// <summary>The id of this combination of facet values, added the first time it is seen.</summary>
    private long FacetKey(string type, string lang, string category, string products)
    {
        var name = string.Join('\u001e', type, lang, category, products);
        if (facetKeys.TryGetValue(name, out var id)) return id;
        var upsert = Command("""
            INSERT INTO facet_keys (type, lang, category, products) VALUES ($type, $lang, $category, $products)
            ON CONFLICT (type, lang, category, products) DO UPDATE SET type = excluded.type RETURNING id
            """);
        upsert.Parameters.AddWithValue("$type", type);
        upsert.Parameters.AddWithValue("$lang", lang);
        upsert.Parameters.AddWithValue("$category", category);
        upsert.Parameters.AddWithValue("$products", products);
        id = (long)upsert.ExecuteScalar()!;
        facetKeys[name] = id;
        return id;
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

    /// <summary>Settings for filling a new generation, which nobody reads until it is published: no
    /// fsync, the rollback journal in memory, and FTS5 segments left unmerged until <see cref="Finish"/>
    /// folds them into one (merging once is cheaper than merging as it grows).</summary>
    public static void PrepareBuild(SqliteConnection connection)
    {
        connection.ExecuteNonQuery("""
            PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;
            INSERT INTO docs_fts (docs_fts, rank) VALUES ('automerge', 0);
            INSERT INTO docs_fts (docs_fts, rank) VALUES ('crisismerge', 64);
            """);
    }

    /// <summary>Folds the FTS5 segments into one (fresh builds query faster), restores the merge
    /// settings for later changes and switches the file to WAL for concurrent readers.</summary>
    public static void Finish(SqliteConnection connection)
    {
        connection.ExecuteNonQuery("""
            INSERT INTO docs_fts (docs_fts) VALUES ('optimize');
            INSERT INTO docs_fts (docs_fts, rank) VALUES ('automerge', 4);
            INSERT INTO docs_fts (docs_fts, rank) VALUES ('crisismerge', 16);
            ANALYZE;
            PRAGMA synchronous=NORMAL; PRAGMA journal_mode=WAL;
            """);
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
