namespace Portal.Modules.Knowledge.Contracts;

/// <summary>Where the search index gets documents from: knowledge articles, and other modules'
/// documents (releases, later training courses) through this contract. The database stays the
/// source of truth; each node's index is derived from it.</summary>
public interface ISearchDocumentSource
{
    /// <summary>Grows with every change to the source's documents.</summary>
    Task<long> ChangeSequenceAsync(CancellationToken ct);

    IAsyncEnumerable<SearchDocument> AllAsync(CancellationToken ct);

    /// <summary>The current document for a key, or null when it is gone or no longer searchable.</summary>
    Task<SearchDocument?> FindAsync(string key, CancellationToken ct);

    /// <summary>The keys changed after <paramref name="sequence"/> (a value <see cref="ChangeSequenceAsync"/>
    /// gave), so a node catches up with changes made on other nodes; null when the source keeps no
    /// record reaching back that far, and the index is then rebuilt.</summary>
    Task<IReadOnlyList<string>?> ChangedKeysAfterAsync(long sequence, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>?>(null);
}
