namespace Portal.Modules.Knowledge.Search;

/// <summary>Settings under "Search".</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Folder of this node's Lucene index; default &lt;data&gt;/search-lucene.</summary>
    public string? IndexPath { get; set; }

    /// <summary>How often the node compares its index with the sources' change sequences (one cheap
    /// query per source), so changes made on other nodes reach it within seconds.</summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Changes arriving together are applied in one transaction after this pause.</summary>
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(50);
}
