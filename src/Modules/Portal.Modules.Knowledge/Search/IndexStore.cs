using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;

namespace Portal.Modules.Knowledge.Search;

/// <summary>This node's index files. Each build writes a new file (a generation); a small pointer
/// file names the current one, so a rebuild never disturbs the searches running on the old file,
/// which is deleted once its last reader is returned. Readers are pooled connections, one per
/// concurrent search, each keeping its prepared statements.</summary>
internal sealed class IndexStore : IDisposable
{
    private const string PointerFile = "current";
    private readonly string folder;
    private readonly int cacheKib;
    private readonly ILogger<IndexStore> logger;
    private readonly Lock gate = new();
    private IndexGeneration? current;

    public IndexStore(IOptions<PortalOptions> portal, IOptions<SearchOptions> options, ILogger<IndexStore> logger)
    {
        folder = Path.GetFullPath(options.Value.IndexPath ?? Path.Combine(portal.Value.FullDataPath, "search"));
        cacheKib = options.Value.CacheKib;
        this.logger = logger;
    }

    public string Folder => folder;

    /// <summary>Opens the current generation named by the pointer file, if it exists and has this
    /// schema version; otherwise the index is missing and must be built.</summary>
    public bool TryOpenExisting()
    {
        Directory.CreateDirectory(folder);
        var pointer = Path.Combine(folder, PointerFile);
        if (!File.Exists(pointer)) return false;
        var name = File.ReadAllText(pointer).Trim();
        var path = Path.Combine(folder, Path.GetFileName(name));
        if (name.Length == 0 || !File.Exists(path)) return false;
        var generation = new IndexGeneration(path, cacheKib);
        try
        {
            using var reader = generation.Rent();
            if (reader.Connection.ExecuteScalarLong("PRAGMA user_version") != IndexSchema.Version)
            {
                generation.Retire();
                return false;
            }
        }
        catch (SqliteException ex)
        {
            logger.LogWarning(ex, "Search index {Path} cannot be read; it will be rebuilt", path);
            generation.Retire();
            return false;
        }
        Swap(generation);
        return true;
    }

    public bool IsOpen
    {
        get
        {
            lock (gate) return current is not null;
        }
    }

    /// <summary>A reader on the current generation, or null while no index exists yet.</summary>
    public IndexReader? TryRent()
    {
        lock (gate) return current?.Rent();
    }

    /// <summary>A new, empty generation with the schema, not yet current.</summary>
    public IndexGeneration CreateGeneration()
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"index-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..8]}.db");
        var generation = new IndexGeneration(path, cacheKib);
        using var writer = generation.OpenWriter(journal: false);
        writer.ExecuteNonQuery(IndexSchema.Create);
        return generation;
    }

    /// <summary>Makes <paramref name="generation"/> current (the pointer file is replaced atomically)
    /// and retires the previous one and any files left by earlier runs.</summary>
    public void Publish(IndexGeneration generation)
    {
        var pointer = Path.Combine(folder, PointerFile);
        var temp = pointer + ".tmp";
        File.WriteAllText(temp, Path.GetFileName(generation.Path));
        File.Move(temp, pointer, overwrite: true);
        Swap(generation);
        DeleteStrayFiles(generation.Path);
    }

    /// <summary>The writer connection of the current generation (callers serialize writes).</summary>
    public SqliteConnection OpenCurrentWriter()
    {
        lock (gate) return (current ?? throw new InvalidOperationException("The search index is not open.")).OpenWriter();
    }

    public void Dispose()
    {
        lock (gate)
        {
            current?.Retire();
            current = null;
        }
    }

    private void Swap(IndexGeneration generation)
    {
        IndexGeneration? previous;
        lock (gate)
        {
            previous = current;
            current = generation;
        }
        previous?.Retire();
    }

    private void DeleteStrayFiles(string keep)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "index-*.db"))
        {
            if (file == keep || IndexGeneration.IsLive(file)) continue;
            IndexGeneration.DeleteFiles(file);
        }
    }
}

/// <summary>One index file and its pool of reader connections.</summary>
internal sealed class IndexGeneration
{
    /// <summary>The one writer gets a larger page cache than each of the pooled readers.</summary>
    private const int WriterCacheKib = 16384;

    private static readonly ConcurrentDictionary<string, IndexGeneration> Live = new(StringComparer.Ordinal);
    private readonly Stack<IndexReader> idle = new();
    private readonly Lock gate = new();
    private readonly string connectionString;
    private readonly int cacheKib;
    private int rented;
    private bool retired;

    public IndexGeneration(string path, int cacheKib)
    {
        Path = path;
        this.cacheKib = cacheKib;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        Live[path] = this;
    }

    public string Path { get; }

    public static bool IsLive(string path) => Live.ContainsKey(path);

    public IndexReader Rent()
    {
        lock (gate)
        {
            rented++;
            if (idle.TryPop(out var pooled)) return pooled;
        }
        try
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            connection.ExecuteNonQuery($"PRAGMA query_only=ON; PRAGMA cache_size=-{cacheKib}; PRAGMA mmap_size=0; PRAGMA temp_store=MEMORY;");
            return new IndexReader(this, connection);
        }
        catch
        {
            lock (gate) rented--;
            throw;
        }
    }

    /// <summary>A write connection; <paramref name="journal"/> false leaves the journal mode as it
    /// is (a new file being built switches to WAL when it is finished).</summary>
    public SqliteConnection OpenWriter(bool journal = true)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (journal) connection.ExecuteNonQuery("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        connection.ExecuteNonQuery($"PRAGMA busy_timeout=10000; PRAGMA cache_size=-{Math.Max(cacheKib, WriterCacheKib)}; PRAGMA temp_store=MEMORY;");
        return connection;
    }

    internal void Return(IndexReader reader)
    {
        bool close, delete;
        lock (gate)
        {
            rented--;
            close = retired;
            delete = retired && rented == 0;
            if (!retired) idle.Push(reader);
        }
        if (close) reader.Close();
        if (delete) Delete();
    }

    /// <summary>No new readers; the file goes when the last one is returned.</summary>
    public void Retire()
    {
        List<IndexReader> closing;
        bool delete;
        lock (gate)
        {
            retired = true;
            delete = rented == 0;
            closing = [.. idle];
            idle.Clear();
        }
        foreach (var reader in closing) reader.Close();
        if (delete) Delete();
    }

    private void Delete()
    {
        Live.TryRemove(Path, out _);
        if (!IsPointedTo()) DeleteFiles(Path);
    }

    private bool IsPointedTo()
    {
        var pointer = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "current");
        return File.Exists(pointer) && File.ReadAllText(pointer).Trim() == System.IO.Path.GetFileName(Path);
    }

    public static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

/// <summary>A pooled read connection with its prepared commands; dispose returns it to the pool.</summary>
internal sealed class IndexReader(IndexGeneration generation, SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The command for this SQL text, prepared once per connection; parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

    public void Dispose() => generation.Return(this);

    internal void Close()
    {
        foreach (var command in commands.Values) command.Dispose();
        commands.Clear();
        connection.Dispose();
    }
}

internal static class SqliteConnectionExtensions
{
    public static void ExecuteNonQuery(this SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    public static long ExecuteScalarLong(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
