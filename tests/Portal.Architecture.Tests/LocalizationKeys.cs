using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Architecture.Tests;

/// <summary>A literal localization key found in source, where it was found.</summary>
internal sealed record LocalizedKey(string Key, string File, int Line)
{
    public override string ToString() => $"{File}:{Line}: \"{Key}\"";
}

/// <summary>Finds the English texts used as localization keys: L["…"] / localizer["…"] in views and
/// code, DataAnnotations messages and display names, and navigation titles. Keys built at run
/// time (L[e.Title], L[$"…"]) cannot be found this way and are skipped.</summary>
internal static partial class LocalizationKeys
{
    /// <summary>Validation attributes whose message is English unless ErrorMessage is set:
    /// MVC localizes a DataAnnotations message only when ErrorMessage is given.</summary>
    private static readonly string[] ValidationAttributes =
    [
        "Required", "StringLength", "MaxLength", "MinLength", "Length", "Range", "EmailAddress", "Phone", "Url", "Compare",
        "RegularExpression", "CreditCard", "FileExtensions", "AllowedValues", "DeniedValues", "Base64String",
    ];

    public static IEnumerable<LocalizedKey> InRazor(string file, string text) =>
        Find(file, text, LocalizerIndexer());

    public static IEnumerable<LocalizedKey> InCSharp(string file, string text)
    {
        foreach (var key in Find(file, text, LocalizerIndexer(), ErrorMessage(), DisplayName(), NavEntryTitle())) yield return key;
        foreach (Match display in DisplayAttribute().Matches(text))
        foreach (Match named in DisplayArgument().Matches(display.Groups["args"].Value))
            yield return new LocalizedKey(Literal(named), file, LineOf(text, display.Groups["args"].Index + named.Index));
    }

    /// <summary>Validation attributes without ErrorMessage: their text would stay English.</summary>
    public static IEnumerable<string> UnlocalizedValidation(string file, string text)
    {
        foreach (Match match in AttributeUse().Matches(text))
        {
            var name = match.Groups["name"].Value;
            if (!ValidationAttributes.Contains(name, StringComparer.Ordinal)) continue;
            if (match.Groups["args"].Value.Contains("ErrorMessage", StringComparison.Ordinal)) continue;
            yield return $"{file}:{LineOf(text, match.Index)}: [{name}] has no ErrorMessage, so its message is not localized";
        }
    }

    public static IEnumerable<LocalizedKey> Missing(IEnumerable<LocalizedKey> keys, IReadOnlyDictionary<string, string> translations) =>
        keys.Where(k => !translations.TryGetValue(k.Key, out var value) || string.IsNullOrWhiteSpace(value));

    private static IEnumerable<LocalizedKey> Find(string file, string text, params Regex[] patterns)
    {
        foreach (var pattern in patterns)
        foreach (Match match in pattern.Matches(text))
            yield return new LocalizedKey(Literal(match), file, LineOf(text, match.Index));
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    // A C# string literal: "regular" (group s) or @"verbatim" (group v).
    private const string StringLiteral = """(?:"(?<s>(?:[^"\\\n]|\\.)*)"|@"(?<v>(?:[^"]|"")*)")""";

    private static string Literal(Match match) =>
        match.Groups["v"].Success ? match.Groups["v"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : Unescape(match.Groups["s"].Value);

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal)) return s;
        var result = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 == s.Length)
            {
                result.Append(s[i]);
                continue;
            }
            var c = s[++i];
            switch (c)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case '0': result.Append('\0'); break;
                case 'u' when i + 4 < s.Length:
                    result.Append((char)Convert.ToInt32(s.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: result.Append(c); break;
            }
        }
        return result.ToString();
    }

    [GeneratedRegex(@"(?<![\w.])(?:L|\w*[Ll]ocalizer)\s*\[\s*" + StringLiteral + @"\s*[,\]]")]
    private static partial Regex LocalizerIndexer();

    [GeneratedRegex(@"\bErrorMessage\s*=\s*" + StringLiteral)]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"\[\s*DisplayName(?:Attribute)?\s*\(\s*" + StringLiteral)]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"\bnew\s+NavEntry\s*\(\s*NavSection\.\w+\s*,\s*" + StringLiteral)]
    private static partial Regex NavEntryTitle();

    [GeneratedRegex("""[\[,]\s*Display(?:Attribute)?\s*\((?<args>(?:[^()"]|"(?:[^"\\]|\\.)*")*)\)""")]
    private static partial Regex DisplayAttribute();

    [GeneratedRegex(@"\b(?:Name|Prompt|Description)\s*=\s*" + StringLiteral)]
    private static partial Regex DisplayArgument();

    [GeneratedRegex("""(?<=[\[,]\s*)(?<name>[A-Z]\w*?)(?:Attribute)?\s*(?:\((?<args>(?:[^()"]|"(?:[^"\\]|\\.)*"|\([^()]*\))*)\))?\s*(?=[\],])""")]
    private static partial Regex AttributeUse();
}
