using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Portal.Modules.Knowledge.Search;

/// <summary>One index file and its pool of reader connections.</summary>
internal sealed class IndexGeneration
{
    /// <summary>The one writer gets a larger page cache than each of the pooled readers.</summary>
    private const int WriterCacheKib = 16384;

    private static readonly ConcurrentDictionary<string, IndexGeneration> Live = new(StringComparer.Ordinal);
    private readonly Stack<IndexReader> idle = new();
    private readonly Lock gate = new();
    private readonly string connectionString;
    private readonly string readOnlyConnectionString;
    private readonly int cacheKib;
    private int rented;
    private bool retired;

    public IndexGeneration(string path, int cacheKib)
    {
        Path = path;
        this.cacheKib = cacheKib;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        // Searches open the file read-only: a query must not depend on writing anything (a full disk).
        readOnlyConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString();
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
            var connection = new SqliteConnection(readOnlyConnectionString);
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
