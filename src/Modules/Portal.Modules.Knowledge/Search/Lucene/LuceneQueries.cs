using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Builds Lucene queries in code from a parsed query: user text is only ever analyzed
/// into terms, never handed to a query parser, so no input is syntax. Each typed word matches in
/// its words (SmartCn, stemmed), or in its CJK bigrams, or whole as a code; quotes make phrases;
/// synonyms are alternatives of the word they belong to.</summary>
internal static class LuceneQueries
{
    private const float CjkWeight = 0.6f;
    private const float CodeWeight = 8f;
    private const float SynonymWeight = 0.8f;

    /// <summary>True when relaxing would change the query: a word with CJK characters that analyzes
    /// into more than one term.</summary>
    public static bool CanRelax(ParsedQuery query) =>
        query.Clauses.SelectMany(c => c.Alternatives).Any(u => !u.Phrase && !u.Prefix && u.Text.EnumerateRunes().Any(TextAnalyzer.IsCjk)
            && (LuceneAnalysis.Terms(LuceneAnalysis.Words, LuceneDocuments.Body, TextAnalyzer.Clean(u.Text)).Count > 1
                || LuceneAnalysis.Terms(LuceneAnalysis.CjkQuery, LuceneDocuments.Body + LuceneAnalysis.CjkSuffix, TextAnalyzer.Clean(u.Text)).Count > 1));

    /// <summary>The query for the words, or null when nothing searchable is left.</summary>
    public static Query? Text(ParsedQuery query, Relaxation relaxation, SynonymSet synonyms)
    {
        var top = new BooleanQuery();
        foreach (var clause in query.Clauses)
        {
            var alternatives = new BooleanQuery();
            foreach (var unit in clause.Alternatives)
            {
                if (Unit(unit, relaxation) is { } q) alternatives.Add(q, Occur.SHOULD);
                if (unit.Prefix) continue;
                foreach (var term in synonyms.For(unit.Text))
                {
                    if (Unit(new QueryUnit(term, Phrase: term.Contains(' ', StringComparison.Ordinal), Prefix: false), relaxation) is not { } s) continue;
                    s.Boost *= SynonymWeight;
                    alternatives.Add(s, Occur.SHOULD);
                }
            }
            if (alternatives.Clauses.Count > 0) top.Add(alternatives, Occur.MUST);
        }
        if (top.Clauses.Count == 0) return null;
        foreach (var unit in query.Excluded)
            if (Unit(unit, Relaxation.Phrase) is { } q) top.Add(q, Occur.MUST_NOT);
        return top;
    }

    /// <summary>Documents sharing any word with a plain text (for related documents).</summary>
    public static Query? AnyWord(string? input, int maxTerms)
    {
        var text = Limit(input);
        var terms = LuceneAnalysis.Terms(LuceneAnalysis.Words, LuceneDocuments.Body, text).Select(t => t.Term)
            .Concat(LuceneAnalysis.Terms(LuceneAnalysis.CjkQuery, LuceneDocuments.Body + LuceneAnalysis.CjkSuffix, text).Select(t => "\u0001" + t.Term))
            .Distinct(StringComparer.Ordinal).Take(maxTerms).ToList();
        if (terms.Count == 0) return null;
        var any = new BooleanQuery();
        foreach (var term in terms)
        {
            foreach (var (field, boost) in LuceneDocuments.TextFields)
            {
                var cjk = term[0] == '\u0001';
                var q = new TermQuery(new Term(cjk ? field + LuceneAnalysis.CjkSuffix : field, cjk ? term[1..] : term)) { Boost = cjk ? boost * CjkWeight : boost };
                any.Add(q, Occur.SHOULD);
            }
        }
        return any;
    }

    /// <summary>One typed word or phrase in every text field, best field first. The text is analyzed
    /// once; each field gets the same terms.</summary>
    private static Query? Unit(QueryUnit unit, Relaxation relaxation)
    {
        var text = TextAnalyzer.Clean(unit.Text);
        var any = new BooleanQuery();
        if (!unit.Phrase && !unit.Prefix && LuceneAnalysis.IsCode(text))
            any.Add(new TermQuery(new Term(LuceneAnalysis.Codes, text.ToLowerInvariant())) { Boost = CodeWeight }, Occur.SHOULD);
        var hasCjk = text.EnumerateRunes().Any(TextAnalyzer.IsCjk);
        var cjkRelaxation = unit.Phrase || !hasCjk ? Relaxation.Phrase : relaxation;
        var words = unit.Prefix ? PrefixWords(text) : LuceneAnalysis.Terms(LuceneAnalysis.Words, LuceneDocuments.Body, text);
        var grams = hasCjk ? LuceneAnalysis.Terms(LuceneAnalysis.CjkQuery, LuceneDocuments.Body + LuceneAnalysis.CjkSuffix, text) : [];
        foreach (var (field, boost) in LuceneDocuments.TextFields)
        {
            var wordQuery = unit.Prefix ? Prefixed(field, words) : Combine(field, words, cjkRelaxation);
            if (wordQuery is not null)
            {
                wordQuery.Boost *= boost;
                any.Add(wordQuery, Occur.SHOULD);
            }
            var cjkField = field + LuceneAnalysis.CjkSuffix;
            var gramQuery = unit.Prefix && grams is [{ Term.Length: <= 2 } only] ? new PrefixQuery(new Term(cjkField, only.Term)) : Combine(cjkField, grams, cjkRelaxation);
            if (gramQuery is not null)
            {
                gramQuery.Boost *= boost * CjkWeight;
                any.Add(gramQuery, Occur.SHOULD);
            }
        }
        return any.Clauses.Count == 0 ? null : any;
    }

    /// <summary>The words of a prefix query: all but the last stemmed, the last as typed (a prefix is not a word to stem).</summary>
    private static List<(string Term, int Position)> PrefixWords(string text)
    {
        var raw = LuceneAnalysis.Terms(LuceneAnalysis.Unstemmed, LuceneDocuments.Body, text);
        for (var i = 0; i < raw.Count - 1; i++) raw[i] = (Stemmed(LuceneDocuments.Body, raw[i].Term).Term.Text, raw[i].Position);
        return raw;
    }

    /// <summary>All the words, the last one as a prefix.</summary>
    private static Query? Prefixed(string field, List<(string Term, int Position)> words)
    {
        if (words.Count == 0) return null;
        if (words.Count == 1) return new PrefixQuery(new Term(field, words[0].Term));
        var all = new BooleanQuery();
        for (var i = 0; i < words.Count; i++)
            all.Add(i == words.Count - 1 ? new PrefixQuery(new Term(field, words[i].Term)) : new TermQuery(new Term(field, words[i].Term)), Occur.MUST);
        return all;
    }

    private static Query? Cjk(string field, string text, Relaxation relaxation)
    {
        if (!text.EnumerateRunes().Any(TextAnalyzer.IsCjk)) return null;
        var cjkField = field + LuceneAnalysis.CjkSuffix;
        return Combine(cjkField, LuceneAnalysis.Terms(LuceneAnalysis.CjkQuery, cjkField, text), relaxation);
    }

    /// <summary>Terms as a phrase, or (relaxed) all of them, or any of them.</summary>
    private static Query? Combine(string field, List<(string Term, int Position)> terms, Relaxation relaxation)
    {
        if (terms.Count == 0) return null;
        if (terms.Count == 1) return new TermQuery(new Term(field, terms[0].Term));
        if (relaxation == Relaxation.Phrase)
        {
            var phrase = new PhraseQuery();
            foreach (var (term, position) in terms) phrase.Add(new Term(field, term), position);
            return phrase;
        }
        var bag = new BooleanQuery();
        foreach (var (term, _) in terms) bag.Add(new TermQuery(new Term(field, term)), relaxation == Relaxation.AllBigrams ? Occur.MUST : Occur.SHOULD);
        return bag;
    }

    private static TermQuery Stemmed(string field, string word)
    {
        var stemmed = LuceneAnalysis.Terms(LuceneAnalysis.Words, field, word);
        return new TermQuery(new Term(field, stemmed.Count == 1 ? stemmed[0].Term : word));
    }

    private static string Limit(string? input)
    {
        var text = TextAnalyzer.Clean(input);
        return text.Length > QueryParser.MaxLength ? text[..QueryParser.MaxLength] : text;
    }
}
