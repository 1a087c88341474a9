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
