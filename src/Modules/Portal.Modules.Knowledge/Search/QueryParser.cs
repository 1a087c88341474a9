using System.Text;

namespace Portal.Modules.Knowledge.Search;

/// <summary>A word, "a phrase" or prefix* of a query, as the user typed it.</summary>
internal sealed record QueryUnit(string Text, bool Phrase, bool Prefix);

/// <summary>One required part of a query: any of its alternatives (joined by OR) must match.</summary>
internal sealed record QueryClause(IReadOnlyList<QueryUnit> Alternatives);

/// <summary>A parsed query: required clauses, excluded units and field filters.</summary>
internal sealed record ParsedQuery(
    IReadOnlyList<QueryClause> Clauses,
    IReadOnlyList<QueryUnit> Excluded,
    IReadOnlyDictionary<string, string> Filters)
{
    public bool IsEmpty => Clauses.Count == 0;
}

/// <summary>Parses what users type into a search box: words, "phrases", -exclusions, OR,
/// prefix*, and type: product: lang: category: filters. It never fails: anything it does not
/// understand is treated as words, and the FTS5 expression is built from quoted strings only
/// (<see cref="FtsExpression"/>).</summary>
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

/// <summary>How strictly CJK words are matched: as a phrase first, then all their bigrams, then any.</summary>
public enum Relaxation
{
    Phrase = 0,
    AllBigrams = 1,
    AnyBigram = 2,
}

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
