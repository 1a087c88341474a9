using System.Text;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Builds the FTS5 MATCH expression. Every piece of user text reaches FTS5 inside a
/// double-quoted string (quotes doubled), so operators, column filters, NEAR, ^ and parentheses in
/// the input are plain text; the only syntax in the expression is ours.</summary>
internal static class FtsExpression
{
    public static string? Build(ParsedQuery query, Relaxation relaxation, SynonymSet synonyms)
    {
        var required = new List<string>();
        foreach (var clause in query.Clauses)
        {
            var alternatives = clause.Alternatives.SelectMany(u => WithSynonyms(u, synonyms))
                .Select(u => Unit(u, relaxation)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (alternatives.Count == 0) continue;
            required.Add(alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" OR ", alternatives) + ")");
        }
        if (required.Count == 0) return null;
        var expression = string.Join(" AND ", required);
        var excluded = query.Excluded.Select(u => Unit(u, Relaxation.Phrase)).OfType<string>().ToList();
        if (excluded.Count > 0) expression = "(" + expression + ") NOT (" + string.Join(" OR ", excluded) + ")";
        return expression;
    }

    /// <summary>An expression for suggestions: the typed text as a phrase whose last token is a
    /// prefix, in titles only.</summary>
    public static string? TitlePrefix(string? input)
    {
        var text = TextAnalyzer.Clean(input);
        if (text.Length > QueryParser.MaxLength) text = text[..QueryParser.MaxLength];
        var analyzed = Normalize(TextAnalyzer.AnalyzeQuery(text));
        return TextAnalyzer.HasTokenCharacters(analyzed) ? "{title} : " + Quote(analyzed) + "*" : null;
    }

    /// <summary>An expression matching documents that share any word (any bigram of a CJK run) with
    /// <paramref name="input"/>, which is plain text, never query syntax: for "related articles",
    /// where bm25 ranks documents sharing more and rarer words first. Null when nothing is left.</summary>
    public static string? AnyToken(string? input, int maxTokens)
    {
        var text = TextAnalyzer.Clean(input);
        if (text.Length > QueryParser.MaxLength) text = text[..QueryParser.MaxLength];
        var tokens = Tokens(text).Distinct(StringComparer.OrdinalIgnoreCase).Take(maxTokens)
            .Select(t => t.EnumerateRunes().Count() == 1 && TextAnalyzer.IsCjk(t.EnumerateRunes().First()) ? Quote(t) + "*" : Quote(t))
            .ToList();
        return tokens.Count == 0 ? null : string.Join(" OR ", tokens);
    }

    /// <summary>True when relaxing would change the expression (a word with a CJK run of three or more characters).</summary>
    public static bool CanRelax(ParsedQuery query) =>
        query.Clauses.SelectMany(c => c.Alternatives).Any(u => !u.Phrase && !u.Prefix && Tokens(u.Text).Count > 1 && u.Text.EnumerateRunes().Any(TextAnalyzer.IsCjk));

    public static IReadOnlyList<string> Tokens(string text) =>
        Normalize(TextAnalyzer.AnalyzeQuery(text)).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(TextAnalyzer.HasTokenCharacters).ToList();

    private static IEnumerable<QueryUnit> WithSynonyms(QueryUnit unit, SynonymSet synonyms)
    {
        yield return unit;
        if (unit.Prefix) yield break;
        foreach (var term in synonyms.For(unit.Text))
            yield return new QueryUnit(term, Phrase: term.Contains(' ', StringComparison.Ordinal), Prefix: false);
    }

    private static string? Unit(QueryUnit unit, Relaxation relaxation)
    {
        var tokens = Tokens(unit.Text);
        if (tokens.Count == 0) return null;
        if (unit.Prefix) return Quote(string.Join(' ', tokens)) + "*";
        if (tokens.Count == 1)
        {
            var only = tokens[0];
            // One CJK character: it starts a bigram, or ends a run (the runends column).
            var runes = only.EnumerateRunes().ToList();
            return runes.Count == 1 && TextAnalyzer.IsCjk(runes[0]) ? Quote(only) + "*" : Quote(only);
        }
        if (unit.Phrase || relaxation == Relaxation.Phrase || !unit.Text.EnumerateRunes().Any(TextAnalyzer.IsCjk))
            return Quote(string.Join(' ', tokens));
        var joiner = relaxation == Relaxation.AllBigrams ? " AND " : " OR ";
        return "(" + string.Join(joiner, tokens.Select(Quote)) + ")";
    }

    private static string Normalize(string analyzed)
    {
        var builder = new StringBuilder(analyzed.Length);
        var space = false;
        foreach (var c in analyzed)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
