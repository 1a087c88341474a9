using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Modules.Knowledge.Search;

/// <summary>The spelling-tolerant retry of a search that found nothing: its plain words of four or
/// more letters (not CJK, not codes, not phrases or prefixes) match words spelled like them (one
/// edit for up to six letters, two above; the first letter as typed); its other words still match
/// as written.</summary>
internal static partial class LuceneFuzzy
{
    private const int MinLength = 4;
    private const int PrefixLength = 1;

    /// <summary>The retry's hits, or null when the query has no word to retry.</summary>
    public sealed record Outcome(int Total, IReadOnlyList<ScoreDoc> Docs, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets,
        Query Query, IReadOnlyList<string> Words)
    {
        public SearchResult Result(string queryText, int page, int pageSize, Func<ScoreDoc, SearchHit> hit) =>
            new(queryText, Total, page, pageSize, Docs.Select(hit).ToList(), Facets, Relaxation.Similar, IndexReady: true)
            {
                ExactTotal = 0,
                SimilarWords = Words,
            };
    }

    public static Outcome? Run(IndexSearcher searcher, ParsedQuery query, SynonymSet synonyms, Func<Query, Query> filter, int page, int pageSize)
    {
        var typed = new List<string>();
        var retried = 0;
        var top = new BooleanQuery();
        foreach (var clause in query.Clauses)
        {
            var any = new BooleanQuery();
            foreach (var unit in clause.Alternatives)
            {
                if (Stem(unit) is { } stem)
                {
                    any.Add(Similar(unit.Text.ToLowerInvariant(), stem), Occur.SHOULD);
                    retried++;
                    // Only a word the index does not know as written is reported as replaced.
                    if (!LuceneDocuments.TextFields.Any(f => searcher.IndexReader.DocFreq(new Term(f.Field, stem)) > 0))
                        typed.Add(unit.Text.ToLowerInvariant());
                }
                else if (LuceneQueries.Text(Single(unit), Relaxation.Phrase, synonyms) is { } exact) any.Add(exact, Occur.SHOULD);
            }
            if (any.Clauses.Count > 0) top.Add(any, Occur.MUST);
        }
        if (retried == 0) return null;
        foreach (var unit in query.Excluded)
            if (LuceneQueries.Text(Single(unit), Relaxation.Phrase, synonyms) is { } excluded) top.Add(excluded, Occur.MUST_NOT);

        var collector = TopScoreDocCollector.Create(page * pageSize, docsScoredInOrder: false);
        var facets = new FacetCollector();
        searcher.Search(filter(top), MultiCollector.Wrap(collector, facets));
        if (facets.Total == 0) return null;
        var docs = collector.GetTopDocs((page - 1) * pageSize, pageSize).ScoreDocs;
        var best = collector.TotalHits > 0 ? docs.FirstOrDefault()?.Doc : null;
        // The rewritten query names the index's own terms, which the highlighter can mark.
        return new Outcome(facets.Total, docs, facets.Facets(), searcher.Rewrite(top), best is { } doc && typed.Count > 0 ? Used(searcher, doc, typed) : []);
    }

    /// <summary>The stemmed word to retry, or null when the unit is not a plain word of enough letters.</summary>
    private static string? Stem(QueryUnit unit)
    {
        var text = unit.Text;
        if (unit.Phrase || unit.Prefix || text.Length < MinLength || !text.All(char.IsLetter)
            || text.EnumerateRunes().Any(TextAnalyzer.IsCjk) || LuceneAnalysis.IsCode(text))
            return null;
        var terms = LuceneAnalysis.Terms(LuceneAnalysis.Words, LuceneDocuments.Body, text);
        return terms.Count == 1 ? terms[0].Term : null;
    }

    /// <summary>The word's stem near the (stemmed) words of every text field, and the word itself near whole title words.</summary>
    private static BooleanQuery Similar(string word, string stem)
    {
        var edits = Edits(word);
        var any = new BooleanQuery();
        foreach (var (field, boost) in LuceneDocuments.TextFields)
            any.Add(new FuzzyQuery(new Term(field, stem), edits, PrefixLength) { Boost = boost }, Occur.SHOULD);
        // Title words are kept unstemmed (as their longest prefix gram) in the suggestion field:
        // this catches a typo in a suffix the stemmer would have cut off (configuraton → configuration).
        if (word.Length <= 20)
            any.Add(new FuzzyQuery(new Term(LuceneSuggestions.WordsField, word), edits, PrefixLength) { Boost = LuceneDocuments.TextFields[0].Boost }, Occur.SHOULD);
        return any;
    }

    private static int Edits(string word) => word.Length <= 6 ? 1 : 2;

    private static ParsedQuery Single(QueryUnit unit) => new([new QueryClause([unit])], [], new Dictionary<string, string>());

    /// <summary>The words of the best hit the typed words were taken for, when each typed word that
    /// was changed has one clear match there; otherwise none (the page then says only that similar words were used).</summary>
    private static IReadOnlyList<string> Used(IndexSearcher searcher, int docId, IReadOnlyList<string> typed)
    {
        var doc = searcher.Doc(docId);
        var text = (doc.Get(LuceneDocuments.Title) ?? "") + "\n" + (doc.Get(LuceneDocuments.Body) ?? "");
        if (text.Length > 20_000) text = text[..20_000];
        var words = Letters().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= MinLength - 1)
            .Distinct(StringComparer.Ordinal).ToList();
        var used = new List<string>();
        foreach (var word in typed.Distinct(StringComparer.Ordinal))
        {
            if (words.Contains(word, StringComparer.Ordinal)) continue;
            var match = words.Where(w => w[0] == word[0])
                .Select(w => (Word: w, Distance: Distance(w, word)))
                .Where(c => c.Distance <= Edits(word))
                .OrderBy(c => c.Distance).ThenBy(c => c.Word, StringComparer.Ordinal).FirstOrDefault();
            if (match.Word is null) return [];
            used.Add(match.Word);
        }
        return used;
    }

    /// <summary>Edit distance with transpositions (as FuzzyQuery counts).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"[\p{L}-[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]]+", RegexOptions.CultureInvariant)]
    private static partial Regex Letters();
}
