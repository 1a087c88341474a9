using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using LuceneWriter = Lucene.Net.Index.IndexWriter;

namespace Portal.Modules.Knowledge.Search;

/// <summary>This node's Lucene index: one folder (NIOFSDirectory), one writer (which holds the
/// folder's write.lock exclusively, see <see cref="ExclusiveFileLockFactory"/>, so a second process
/// on the same folder fails clearly), and a
/// SearcherManager that opens committed states read-only. Searches see only commits, never a
/// write in progress; a rebuild deletes and refills inside one commit, so searches keep the old
/// contents until it is done.</summary>
internal sealed class LuceneIndex : IDisposable
{
    /// <summary>Bumped whenever the fields or the analysis change: an index of another version is rebuilt.</summary>
    public const int SchemaVersion = 4;

    private const string SchemaKey = "schema";
    private const string SequencePrefix = "seq:";
    private readonly string folder;
    private readonly ILogger<LuceneIndex> logger;
    private readonly System.Threading.Lock gate = new();
    private FSDirectory? directory;
    private LuceneWriter? writer;
    private SearcherManager? searchers;

    public LuceneIndex(IOptions<PortalOptions> portal, IOptions<SearchOptions> options, ILogger<LuceneIndex> logger)
    {
        folder = Path.GetFullPath(options.Value.IndexPath ?? Path.Combine(portal.Value.FullDataPath, "search-lucene"));
        this.logger = logger;
    }

    public string Folder => folder;

    public bool IsOpen
    {
        get
        {
            lock (gate) return searchers is not null;
        }
    }

    /// <summary>Opens the writer and, when the folder holds a readable index of this schema
    /// version, makes it searchable. False when it must be built.</summary>
    public bool TryOpenExisting()
    {
        var open = Writer();
        try
        {
            if (!DirectoryReader.IndexExists(open.Directory)) return false;
            var data = LatestCommitData(open.Directory);
            if (!data.TryGetValue(SchemaKey, out var version) || version != SchemaVersion.ToString(CultureInfo.InvariantCulture)) return false;
            lock (gate) searchers ??= new SearcherManager(open.Directory, new Bm25SearcherFactory());
            return true;
        }
        catch (Exception ex) when (ex is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException)
        {
            logger.LogWarning(ex, "Lucene index {Folder} cannot be read; it will be rebuilt", folder);
            return false;
        }
    }

    /// <summary>The one writer (callers serialize writes).</summary>
    public LuceneWriter Writer()
    {
        lock (gate)
        {
            if (writer is not null) return writer;
            System.IO.Directory.CreateDirectory(folder);
            // Positional reads rather than memory maps: mapped index pages count as the process's
            // memory (at 100,000 articles peak RSS 902 MB with maps, 288 MB without), for about 40%
            // more CPU per query there (13 → 18 ms); the OS file cache serves the reads either way.
            directory ??= new NIOFSDirectory(folder, new ExclusiveFileLockFactory(folder));
            try
            {
                writer = new LuceneWriter(directory, Config(OpenMode.CREATE_OR_APPEND));
            }
            catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
            {
                logger.LogWarning(ex, "Lucene index {Folder} is corrupt; starting it again", folder);
                writer = new LuceneWriter(directory, Config(OpenMode.CREATE));
            }
            catch (LockObtainFailedException ex)
            {
                throw new SearchIndexLockedException(folder, ex);
            }
            return writer;
        }
    }

    /// <summary>Commits the writer with the sources' change sequences and makes the commit searchable.</summary>
    public void Commit(IReadOnlyDictionary<string, long>? sequences)
    {
        var open = Writer();
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { [SchemaKey] = SchemaVersion.ToString(CultureInfo.InvariantCulture) };
        foreach (var (name, value) in sequences ?? Sequences() ?? new Dictionary<string, long>())
            data[SequencePrefix + name] = value.ToString(CultureInfo.InvariantCulture);
        open.SetCommitData(data);
        open.Commit();
        SearcherManager? current;
        lock (gate)
        {
            current = searchers;
            searchers ??= new SearcherManager(open.Directory, new Bm25SearcherFactory());
        }
        current?.MaybeRefreshBlocking();
    }

    /// <summary>Drops the uncommitted changes; Lucene closes the writer with them, so the next write opens it again.</summary>
    public void RollBack()
    {
        lock (gate)
        {
            writer?.Rollback();
            writer = null;
        }
    }

    /// <summary>The change sequences the searchable commit was built from, or null when none is open.</summary>
    public IReadOnlyDictionary<string, long>? Sequences()
    {
        var searcher = Acquire();
        if (searcher is null) return null;
        try
        {
            var data = ((DirectoryReader)searcher.IndexReader).IndexCommit.UserData;
            return data.Where(d => d.Key.StartsWith(SequencePrefix, StringComparison.Ordinal))
                .ToDictionary(d => d.Key[SequencePrefix.Length..], d => long.Parse(d.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        }
        finally
        {
            Release(searcher);
        }
    }

    /// <summary>A searcher on the latest commit, or null while no index exists yet; give it back with <see cref="Release"/>.</summary>
    public IndexSearcher? Acquire()
    {
        SearcherManager? current;
        lock (gate) current = searchers;
        return current?.Acquire();
    }

    /// <summary>What SearcherManager.Release does, without the manager: a searcher acquired before
    /// <see cref="Close"/> is still given back.</summary>
    public void Release(IndexSearcher searcher) => searcher.IndexReader.DecRef();

    /// <summary>False when the open index's files are gone from the folder (deleted while running).</summary>
    public bool FilesPresent()
    {
        Lucene.Net.Store.Directory? open;
        lock (gate) open = directory;
        try
        {
            return open is not null && System.IO.Directory.Exists(folder) && DirectoryReader.IndexExists(open);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Drops the searchers, the writer (without committing) and its lock, so the next
    /// <see cref="TryOpenExisting"/> or <see cref="Writer"/> starts on the folder afresh.</summary>
    public void Close()
    {
        lock (gate)
        {
            Quietly(() => searchers?.Dispose());
            searchers = null;
            Quietly(() => writer?.Rollback());
            writer = null;
            Quietly(() => directory?.Dispose());
            directory = null;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            searchers?.Dispose();
            searchers = null;
            writer?.Dispose();
            writer = null;
            directory?.Dispose();
            directory = null;
        }
    }

    private void Quietly(Action close)
    {
        try
        {
            close();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            logger.LogDebug(ex, "Closing the Lucene index in {Folder}", folder);
        }
    }

    private static IDictionary<string, string> LatestCommitData(Lucene.Net.Store.Directory directory)
    {
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.UserData;
    }

    private static IndexWriterConfig Config(OpenMode mode) => new(LuceneAnalysis.Version, LuceneAnalysis.Document)
    {
        OpenMode = mode,
        Similarity = new BM25Similarity(),
        RAMBufferSizeMB = 48,
    };

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(Lucene.Net.Index.IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
