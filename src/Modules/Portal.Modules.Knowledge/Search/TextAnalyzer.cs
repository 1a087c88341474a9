using System.Globalization;
using System.Text;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Turns text into what the FTS5 tokenizer (porter unicode61 remove_diacritics 2) sees.
/// Runs of CJK characters become overlapping bigrams, because unicode61 would otherwise keep a
/// whole Chinese sentence as one token; everything else passes through for unicode61 to split,
/// fold and stem. The same analysis runs on documents and on queries.</summary>
internal static class TextAnalyzer
{
    /// <summary>Analyzed text plus, for documents, the last character of every CJK run of two or
    /// more characters (the bigrams start at every other character, so with these every single
    /// character can be found by a one-character prefix query).</summary>
    public readonly record struct Analyzed(string Text, string RunEnds);

    public static Analyzed AnalyzeDocument(string? text) => Analyze(text, collectRunEnds: true);

    public static string AnalyzeQuery(string? text) => Analyze(text, collectRunEnds: false).Text;

    /// <summary><see cref="Sanitize"/>, then NFKC so full-width letters and digits become plain ones
    /// (for analysis only: what readers see keeps its full-width punctuation).</summary>
    public static string Clean(string? text)
    {
        var clean = Sanitize(text);
        return clean.IsNormalized(NormalizationForm.FormKC) ? clean : clean.Normalize(NormalizationForm.FormKC);
    }

    /// <summary>Replaces what .NET cannot normalize (unpaired surrogates, NUL and other control
    /// characters) with spaces.</summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\n' or '\t')))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>True for the characters unicode61 keeps in tokens (letters, digits, private use):
    /// a query part without any matches nothing and is dropped before it reaches MATCH.</summary>
    public static bool HasTokenCharacters(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (IsTokenRune(rune)) return true;
        return false;
    }

    public static bool IsTokenRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    public static bool IsCjk(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x4E00 and <= 0x9FFF       // CJK unified ideographs
            or >= 0x3400 and <= 0x4DBF            // extension A
            or >= 0x20000 and <= 0x323AF          // extensions B–H
            or >= 0xF900 and <= 0xFAFF            // compatibility ideographs
            or >= 0x3040 and <= 0x30FF            // hiragana, katakana
            or >= 0x31F0 and <= 0x31FF
            or >= 0xAC00 and <= 0xD7AF;           // hangul syllables
    }

    private static Analyzed Analyze(string? input, bool collectRunEnds)
    {
        var text = Clean(input);
        var output = new StringBuilder(text.Length * 2);
        var runEnds = collectRunEnds ? new StringBuilder() : null;
        var run = new List<Rune>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                run.Add(rune);
                continue;
            }
            FlushRun(run, output, runEnds);
            // Symbols and emoji separate tokens; letters, digits and punctuation go to unicode61,
            // which splits "8.5.2" and "self-service" into parts that quoted queries match as phrases.
            if (IsTokenRune(rune) || Rune.IsPunctuation(rune) || Rune.IsWhiteSpace(rune)) output.Append(rune.ToString());
            else output.Append(' ');
        }
        FlushRun(run, output, runEnds);
        return new Analyzed(output.ToString(), runEnds?.ToString() ?? "");
    }

    private static void FlushRun(List<Rune> run, StringBuilder output, StringBuilder? runEnds)
    {
        if (run.Count == 0) return;
        output.Append(' ');
        if (run.Count == 1)
        {
            output.Append(run[0].ToString());
        }
        else
        {
            for (var i = 0; i + 1 < run.Count; i++)
            {
                if (i > 0) output.Append(' ');
                output.Append(run[i].ToString()).Append(run[i + 1].ToString());
            }
            runEnds?.Append(run[^1].ToString()).Append(' ');
        }
        output.Append(' ');
        run.Clear();
    }
}
