using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Portal.Modules.Knowledge.Search;

/// <summary>How text becomes terms in the Lucene index. Each text field (title, tags, body) is
/// indexed three ways: words (SmartCn segmentation, English stop words and Porter stems), CJK
/// bigrams plus single characters (SmartCn splits some words differently in different sentences,
/// e.g. 重置 as 重|置, so bigrams are the net under it) and codes (product codes, versions, KB and
/// error numbers such as 8.5.2, ORA-00942, KB-1234, kept whole).</summary>
internal static partial class LuceneAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public const string CjkSuffix = "_cjk";
    public const string Codes = "codes";

    /// <summary>Words: SmartCn for Chinese, lower case, English stop words, Porter stems.</summary>
    public static readonly Analyzer Words = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        TokenStream stream = new CaseFoldFilter(tokenizer);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }, FoldWidth);

    /// <summary>Words without stemming, for prefix queries (a prefix is not a word to stem).</summary>
    public static readonly Analyzer Unstemmed = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new CaseFoldFilter(tokenizer));
    }, FoldWidth);

    /// <summary>CJK bigrams for documents, with every single character too (so one typed character finds its words).</summary>
    public static readonly Analyzer CjkDocument = CjkAnalyzer(unigrams: true);

    /// <summary>CJK bigrams for queries (a lone character stays one).</summary>
    public static readonly Analyzer CjkQuery = CjkAnalyzer(unigrams: false);

    public static readonly Analyzer CodeAnalyzer = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new PatternTokenizer(reader, CodePattern(), 0);
        return new TokenStreamComponents(tokenizer, new CaseFoldFilter(tokenizer));
    }, FoldWidth);

    /// <summary>What IndexWriter analyzes each field with.</summary>
    public static readonly Analyzer Document = new PerFieldAnalyzerWrapper(Words, new Dictionary<string, Analyzer>(StringComparer.Ordinal)
    {
        ["title" + CjkSuffix] = CjkDocument,
        ["tags" + CjkSuffix] = CjkDocument,
        ["body" + CjkSuffix] = CjkDocument,
        [Codes] = CodeAnalyzer,
        [LuceneSuggestions.WordsField] = LuceneSuggestions.WordGrams,
        [LuceneSuggestions.CjkField] = LuceneSuggestions.CjkGrams,
    });

    /// <summary>True when the text (one typed word) is a code to be matched whole.</summary>
    public static bool IsCode(string text) => CodePattern().Match(text) is { Success: true } m && m.Length == text.Length;

    /// <summary>The terms <paramref name="analyzer"/> makes of <paramref name="text"/>, with their positions.</summary>
    public static List<(string Term, int Position)> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += Math.Max(increment.PositionIncrement, 0);
            terms.Add((term.ToString(), Math.Max(position, 0)));
        }
        stream.End();
        return terms;
    }

    /// <summary>Full-width letters, digits and punctuation as their ASCII forms (one character for one,
    /// so offsets still point into the original text).</summary>
    private static readonly NormalizeCharMap FullWidth = BuildFullWidth();

    private static TextReader FoldWidth(string field, TextReader reader) => new MappingCharFilter(FullWidth, reader);

    private static NormalizeCharMap BuildFullWidth()
    {
        var builder = new NormalizeCharMap.Builder();
        for (var c = '\uFF01'; c <= '\uFF5E'; c++) builder.Add(c.ToString(), ((char)(c - 0xFEE0)).ToString());
        builder.Add("\u3000", " ");
        return builder.Build();
    }

    private static readonly HashSet<string> CjkTypes = [CJKBigramFilter.DOUBLE_TYPE, CJKBigramFilter.SINGLE_TYPE];

    private static Analyzer CjkAnalyzer(bool unigrams) => Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new CaseFoldFilter(stream);
        stream = new CJKBigramFilter(stream, CJKScript.ALL, unigrams);
        // Only CJK grams: Latin words are in the words field already.
        stream = new TypeTokenFilter(Version, stream, CjkTypes, useWhiteList: true);
        return new TokenStreamComponents(tokenizer, stream);
    });

    [GeneratedRegex(@"[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
