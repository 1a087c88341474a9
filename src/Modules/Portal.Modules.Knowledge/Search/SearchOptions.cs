namespace Portal.Modules.Knowledge.Search;

/// <summary>Settings under "Search".</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>fts5 (the SQLite FTS5 index, for now the default) or lucene.</summary>
    public SearchEngineKind Engine { get; set; } = SearchEngineKind.Fts5;

    /// <summary>Folder of this node's FTS5 index files; default &lt;data&gt;/search.</summary>
    public string? IndexPath { get; set; }

    /// <summary>Folder of this node's Lucene index; default &lt;data&gt;/search-lucene.</summary>
    public string? LuceneIndexPath { get; set; }

    /// <summary>How often the node compares its index with the sources' change sequences (one cheap
    /// query per source), so changes made on other nodes reach it within seconds.</summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Changes arriving together are applied in one transaction after this pause.</summary>
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Page cache per pooled reader connection, in KiB (the process's memory grows with
    /// this times the number of concurrent searches; misses are served by the OS file cache).</summary>
    public int CacheKib { get; set; } = 4096;
}
