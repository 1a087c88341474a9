using Portal.Modules.Knowledge.Contracts;
namespace Portal.Modules.Knowledge.Search;

/// <summary>What both index engines ask of the document sources: a document by key, and the change
/// sequences that tell whether an index is behind the database.</summary>
internal static class SearchSources
{
    public static string NameOf(ISearchDocumentSource source) => source.GetType().FullName ?? source.GetType().Name;

    public static async Task<Dictionary<string, long>> SequencesAsync(IEnumerable<ISearchDocumentSource> sources, CancellationToken ct)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var source in sources) result[NameOf(source)] = await source.ChangeSequenceAsync(ct);
        return result;
    }

    /// <summary>An index is behind when a source changed after it was built, or the sources differ.</summary>
    public static bool IsBehind(IReadOnlyDictionary<string, long> indexed, IReadOnlyDictionary<string, long> current) =>
        current.Any(s => !indexed.TryGetValue(s.Key, out var at) || at < s.Value) || indexed.Keys.Any(k => !current.ContainsKey(k));

    /// <summary>The document of the first source that has the key; null when none has it any more.</summary>
    public static async Task<SearchDocument?> FindAsync(IReadOnlyList<ISearchDocumentSource> sources, string key, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            if (await source.FindAsync(key, ct) is { } found) return found;
        }
        return null;
    }

    /// <summary>The keys changed in the sources after the indexed sequences (each source's change
    /// record), or null when the index must be rebuilt: a source is new or gone, or its record
    /// does not reach back far enough.</summary>
    public static async Task<IReadOnlyCollection<string>?> ChangedKeysAsync(IReadOnlyList<ISearchDocumentSource> sources,
        IReadOnlyDictionary<string, long> indexed, IReadOnlyDictionary<string, long> current, CancellationToken ct)
    {
        if (indexed.Keys.Any(k => !current.ContainsKey(k))) return null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var name = NameOf(source);
            if (!indexed.TryGetValue(name, out var at)) return null;
            if (at >= current[name]) continue;
            if (await source.ChangedKeysAfterAsync(at, ct) is not { } changed) return null;
            keys.UnionWith(changed);
        }
        return keys;
    }
}
