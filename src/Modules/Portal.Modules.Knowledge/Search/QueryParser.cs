namespace Portal.Modules.Knowledge.Search;

/// <summary>Parses what users type into a search box: words, "phrases", -exclusions, OR,
/// prefix*, and type: product: lang: category: filters. It never fails: anything it does not
/// understand is treated as words, and the Lucene query is built from analyzed terms in code
/// (<see cref="LuceneQueries"/>), never parsed as query syntax.</summary>
internal static class QueryParser
{
    public const int MaxLength = 256;
    public const int MaxUnits = 12;
    public static readonly IReadOnlySet<string> FilterFields = new HashSet<string>(StringComparer.Ordinal) { "type", "product", "lang", "category" };

    public static ParsedQuery Parse(string? input)
    {
        var text = TextAnalyzer.Clean(input);
        if (text.Length > MaxLength) text = text[..MaxLength];
        var clauses = new List<List<QueryUnit>>();
        var excluded = new List<QueryUnit>();
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        var pendingOr = false;
        var units = 0;
        var i = 0;
        while (i < text.Length && units < MaxUnits)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var negated = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
            }
            QueryUnit unit;
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                var phrase = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                var prefix = i < text.Length && text[i] == '*';
                if (prefix) i++;
                unit = new QueryUnit(phrase.Trim(), Phrase: true, Prefix: prefix);
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
                var word = text[start..i];
                if (!negated && word == "OR")
                {
                    pendingOr = clauses.Count > 0;
                    continue;
                }
                var colon = word.IndexOf(':', StringComparison.Ordinal);
                if (!negated && colon > 0 && colon < word.Length - 1 && FilterFields.Contains(word[..colon].ToLowerInvariant()))
                {
                    filters[word[..colon].ToLowerInvariant()] = word[(colon + 1)..];
                    continue;
                }
                var trimmed = word.TrimEnd('*');
                unit = new QueryUnit(trimmed, Phrase: false, Prefix: trimmed.Length < word.Length);
            }
            if (!TextAnalyzer.HasTokenCharacters(unit.Text))
            {
                pendingOr = false;
                continue;
            }
            units++;
            if (negated) excluded.Add(unit);
            else if (pendingOr) clauses[^1].Add(unit);
            else clauses.Add([unit]);
            pendingOr = false;
        }
        return new ParsedQuery(clauses.Select(c => new QueryClause(c)).ToList(), excluded, filters);
    }
}
