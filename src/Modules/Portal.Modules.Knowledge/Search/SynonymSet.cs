namespace Portal.Modules.Knowledge.Search;

/// <summary>Synonym groups (e.g. 补丁 / patch / hotfix): a query word in a group also matches the
/// group's other terms. A Chinese word is typed without spaces around it (登陆失败), so a Chinese
/// term inside a longer typed word is replaced by its Chinese alternatives too (登录失败).</summary>
internal sealed class SynonymSet
{
    public static readonly SynonymSet Empty = new([]);
    private const int MaxCompoundAlternatives = 8;
    private readonly Dictionary<string, string[]> byTerm = new(StringComparer.Ordinal);
    private readonly string[] cjkTermsLongestFirst;

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
        cjkTermsLongestFirst = byTerm.Keys.Where(t => t.Length >= 2 && IsAllCjk(t)).OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<string> For(string term)
    {
        var normalized = Normalize(term);
        if (byTerm.TryGetValue(normalized, out var others)) return others;
        return normalized.EnumerateRunes().Any(TextAnalyzer.IsCjk) ? InCompound(normalized) : [];
    }

    /// <summary>The typed word with each Chinese term in it (longest first, not overlapping)
    /// replaced by the term's Chinese alternatives.</summary>
    private List<string> InCompound(string word)
    {
        var alternatives = new List<string>();
        var covered = new bool[word.Length];
        foreach (var term in cjkTermsLongestFirst)
        {
            var at = word.IndexOf(term, StringComparison.Ordinal);
            if (at < 0 || covered.AsSpan(at, term.Length).Contains(true)) continue;
            covered.AsSpan(at, term.Length).Fill(true);
            foreach (var other in byTerm[term].Where(IsAllCjk))
            {
                var replaced = string.Concat(word.AsSpan(0, at), other, word.AsSpan(at + term.Length));
                if (!alternatives.Contains(replaced)) alternatives.Add(replaced);
                if (alternatives.Count == MaxCompoundAlternatives) return alternatives;
            }
        }
        return alternatives;
    }

    private static bool IsAllCjk(string term) => term.EnumerateRunes().All(TextAnalyzer.IsCjk);

    /// <summary>Splits "补丁, patch / hotfix" into its terms.</summary>
    public static IReadOnlyList<string> SplitTerms(string? text) =>
        (text ?? "").Split([',', '，', '/', ';', '；', '\n', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    public static string Normalize(string term) =>
        string.Join(' ', TextAnalyzer.Clean(term).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
