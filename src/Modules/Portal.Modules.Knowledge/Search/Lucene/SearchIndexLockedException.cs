namespace Portal.Modules.Knowledge.Search;

/// <summary>Another process (or another index object) holds the writer lock of this node's index
/// folder: two nodes were given the same data folder.</summary>
public sealed class SearchIndexLockedException(string folder, Exception inner) : InvalidOperationException(
    $"The search index folder {folder} is locked by another process (its write.lock is held). Each node needs its own data folder (Portal:DataPath or Search:LuceneIndexPath).",
    inner)
{
    public string Folder { get; } = folder;
}
