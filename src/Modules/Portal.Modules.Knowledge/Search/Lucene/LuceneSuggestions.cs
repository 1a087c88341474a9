using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Search-as-you-type over titles. Titles are indexed as edge n-grams twice: every
/// non-CJK word from its first letter (instal → Installing) and every run of CJK characters from
/// each of its characters, up to four (安, 安装, 装补 …), so a typed CJK prefix matches however
/// SmartCn would segment the title. What is typed is analyzed plainly (no grams): each word must
/// start a title word, each CJK run must occur in the title.</summary>
internal static partial class LuceneSuggestions
{
    public const string WordsField = "title_suggest";
    public const string CjkField = "title_suggest_cjk";

    /// <summary>Longest word prefix indexed; a longer typed word is cut to it.</summary>
    private const int MaxWordGram = 20;

    /// <summary>Longest CJK gram indexed; a longer typed run is a phrase of such grams.</summary>
    private const int MaxCjkGram = 4;

    /// <summary>Words of titles as prefixes, for the index.</summary>
    public static readonly Analyzer WordGrams = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new PatternTokenizer(reader, WordPattern(), 0);
        TokenStream stream = new LowerCaseFilter(LuceneAnalysis.Version, new CJKWidthFilter(tokenizer));
        stream = new EdgeNGramTokenFilter(LuceneAnalysis.Version, stream, 1, MaxWordGram);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>CJK characters of titles: from each character, the next one to four, for the index.</summary>
    public static readonly Analyzer CjkGrams = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new PatternTokenizer(reader, CjkFromEachCharacter(), 1);
        TokenStream stream = new EdgeNGramTokenFilter(LuceneAnalysis.Version, new CJKWidthFilter(tokenizer), 1, MaxCjkGram);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>Typed words as they are (lower case), for queries.</summary>
    private static readonly Analyzer PlainWords = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new PatternTokenizer(reader, WordPattern(), 0);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(LuceneAnalysis.Version, new CJKWidthFilter(tokenizer)));
    });

    /// <summary>Titles that start words like the typed text, or contain its CJK characters; null when nothing is typed.</summary>
    public static Query? Query(string? input)
    {
        var text = TextAnalyzer.Clean(input);
        if (text.Length > QueryParser.MaxLength) text = text[..QueryParser.MaxLength];
        var all = new BooleanQuery();
        foreach (var (word, _) in LuceneAnalysis.Terms(PlainWords, WordsField, text))
            all.Add(new TermQuery(new Term(WordsField, word.Length > MaxWordGram ? word[..MaxWordGram] : word)), Occur.MUST);
        foreach (Match run in CjkRun().Matches(text))
            all.Add(CjkRunQuery(run.Value), Occur.MUST);
        return all.Clauses.Count == 0 ? null : all;
    }

    /// <summary>A CJK run in a title: one gram, or grams at their offsets in a phrase (every fourth
    /// character, and the last four), so the whole run must occur as typed.</summary>
    private static Query CjkRunQuery(string run)
    {
        var chars = run.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (chars.Count <= MaxCjkGram) return new TermQuery(new Term(CjkField, string.Concat(chars)));
        var phrase = new PhraseQuery();
        var starts = Enumerable.Range(0, (chars.Count - 1) / MaxCjkGram + 1).Select(i => i * MaxCjkGram)
            .Where(s => s + MaxCjkGram <= chars.Count).Append(chars.Count - MaxCjkGram).Distinct();
        foreach (var start in starts)
            phrase.Add(new Term(CjkField, string.Concat(chars.Skip(start).Take(MaxCjkGram))), start);
        return phrase;
    }

    private const string Cjk = @"\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af";

    [GeneratedRegex(@"[\p{L}\p{N}-[" + Cjk + "]]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex("[" + Cjk + "]+", RegexOptions.CultureInvariant)]
    private static partial Regex CjkRun();

    /// <summary>At each CJK character, the (up to four) CJK characters from it (a zero-width match with a capture).</summary>
    [GeneratedRegex("(?=([" + Cjk + "]{1," + "4}))", RegexOptions.CultureInvariant)]
    private static partial Regex CjkFromEachCharacter();
}
