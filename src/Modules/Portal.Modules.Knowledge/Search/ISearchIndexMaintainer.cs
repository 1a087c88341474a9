namespace Portal.Modules.Knowledge.Search;

/// <summary>Keeps the engine's index equal to the document sources; one operation at a time.</summary>
internal interface ISearchIndexMaintainer
{
    /// <summary>Opens the existing index and rebuilds it if it is missing, of another version, or
    /// behind a source's change sequence. Returns true when it rebuilt.</summary>
    Task<bool> EnsureCurrentAsync(CancellationToken ct);

    /// <summary>Builds the index again from all sources; searches keep using the old one meanwhile.
    /// Returns the number of documents.</summary>
    Task<int> RebuildAsync(CancellationToken ct);

    /// <summary>Applies the keys changed since the last call (re-read from the sources, or removed).</summary>
    Task<int> ApplyPendingAsync(CancellationToken ct);

    /// <summary>True while the whole index is being built: searches may miss documents meanwhile.</summary>
    bool IsRebuilding => false;
}
