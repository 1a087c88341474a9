namespace Portal.Modules.Knowledge.Search;

/// <summary>Synonym groups (e.g. 补丁 / patch / hotfix): a query word in a group also matches the
/// group's other terms.</summary>
internal sealed class SynonymSet
{
    public static readonly SynonymSet Empty = new([]);
    private readonly Dictionary<string, string[]> byTerm = new(StringComparer.Ordinal);

    public SynonymSet(IEnumerable<IReadOnlyList<string>> groups)
    {
        foreach (var group in groups)
        {
            var terms = group.Select(Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var term in terms)
                byTerm[term] = byTerm.TryGetValue(term, out var existing)
                    ? existing.Concat(terms.Where(t => t != term)).Distinct(StringComparer.Ordinal).ToArray()
                    : terms.Where(t => t != term).ToArray();
        }
    }

    public IReadOnlyList<string> For(string term) => byTerm.TryGetValue(Normalize(term), out var others) ? others : [];

    /// <summary>Splits "补丁, patch / hotfix" into its terms.</summary>
    public static IReadOnlyList<string> SplitTerms(string? text) =>
        (text ?? "").Split([',', '，', '/', ';', '；', '\n', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    public static string Normalize(string term) =>
        string.Join(' ', TextAnalyzer.Clean(term).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
