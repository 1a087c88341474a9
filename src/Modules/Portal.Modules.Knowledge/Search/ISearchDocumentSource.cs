namespace Portal.Modules.Knowledge.Search;

/// <summary>Where the index gets its documents from; the database stays the source of truth.</summary>
public interface ISearchDocumentSource
{
    /// <summary>Grows with every change to the source's documents; the index is rebuilt at start
    /// when it is behind.</summary>
    Task<long> ChangeSequenceAsync(CancellationToken ct);

    IAsyncEnumerable<SearchDocument> AllAsync(CancellationToken ct);

    /// <summary>The current document for a key, or null when it is gone or no longer searchable.</summary>
    Task<SearchDocument?> FindAsync(string key, CancellationToken ct);
}
