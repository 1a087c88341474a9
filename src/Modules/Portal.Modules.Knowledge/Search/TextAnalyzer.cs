using System.Globalization;
using System.Text;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Character-level cleaning shared by indexing, queries and snippets: what .NET cannot
/// normalize is replaced, full-width forms are folded, and CJK and token characters are told apart.</summary>
internal static class TextAnalyzer
{
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

    /// <summary>True for letters, digits and private-use characters: a query part without any
    /// matches nothing and is dropped.</summary>
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
}
