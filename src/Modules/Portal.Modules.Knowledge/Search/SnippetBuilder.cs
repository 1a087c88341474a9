using System.Net;
using System.Text;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Highlighted snippets cut from a document's original text (never from the analyzed
/// bigrams): the window with the most matches, HTML-encoded, matches wrapped in &lt;mark&gt;.</summary>
internal static class SnippetBuilder
{
    public const int Length = 180;
    private const int Lead = 30;

    /// <summary>What to look for in the original text: CJK runs (and their bigrams once the query
    /// was relaxed) and word stems for everything else.</summary>
    public static IReadOnlyList<string> Needles(ParsedQuery query, Relaxation relaxation, SynonymSet synonyms)
    {
        var needles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var units = query.Clauses.SelectMany(c => c.Alternatives).ToList();
        foreach (var unit in units.ToList()) units.AddRange(synonyms.For(unit.Text).Select(t => new QueryUnit(t, false, false)));
        foreach (var unit in units)
        {
            foreach (var (segment, cjk) in Segments(TextAnalyzer.Clean(unit.Text)))
            {
                if (cjk)
                {
                    needles.Add(segment);
                    if (relaxation != Relaxation.Phrase && segment.Length > 2)
                        for (var i = 0; i + 1 < segment.Length; i++) needles.Add(segment.Substring(i, 2));
                }
                else
                {
                    needles.Add(segment.Length > 4 && !unit.Prefix ? segment[..Math.Max(4, segment.Length - 2)] : segment);
                }
            }
        }
        return needles.OrderByDescending(n => n.Length).ToList();
    }

    public static string Build(string text, IReadOnlyList<string> needles) => Build(text, FindMatches(text, needles));

    /// <summary>The snippet around already found matches (spans of <paramref name="text"/>, sorted by start).</summary>
    public static string Build(string text, List<(int Start, int End)> matches)
    {
        matches = Merge(matches);
        var start = 0;
        if (matches.Count > 0)
        {
            var best = 0;
            var bestCount = 0;
            for (var i = 0; i < matches.Count; i++)
            {
                var count = 0;
                for (var j = i; j < matches.Count && matches[j].Start < matches[i].Start + Length - Lead; j++) count++;
                if (count > bestCount)
                {
                    best = i;
                    bestCount = count;
                }
            }
            start = Math.Max(0, matches[best].Start - Lead);
        }
        var end = Math.Min(text.Length, start + Length);
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
        var html = new StringBuilder(Length * 2);
        if (start > 0) html.Append('…');
        var at = start;
        foreach (var (s, e) in matches)
        {
            if (e <= start || s >= end) continue;
            var from = Math.Max(s, start);
            var to = Math.Min(e, end);
            if (from < at) continue;
            html.Append(WebUtility.HtmlEncode(text[at..from]));
            html.Append("<mark>").Append(WebUtility.HtmlEncode(text[from..to])).Append("</mark>");
            at = to;
        }
        html.Append(WebUtility.HtmlEncode(text[at..end]));
        if (end < text.Length) html.Append('…');
        return html.ToString();
    }

    private static List<(int Start, int End)> FindMatches(string text, IReadOnlyList<string> needles)
    {
        var found = new List<(int Start, int End)>();
        foreach (var needle in needles)
        {
            var cjk = needle.EnumerateRunes().Any(TextAnalyzer.IsCjk);
            for (var i = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase); i >= 0 && found.Count < 500;
                 i = text.IndexOf(needle, i + needle.Length, StringComparison.OrdinalIgnoreCase))
            {
                var end = i + needle.Length;
                if (!cjk)
                {
                    if (i > 0 && char.IsLetterOrDigit(text[i - 1])) continue;
                    while (end < text.Length && char.IsLetterOrDigit(text[end]) && !IsCjk(text, end)) end++;
                }
                found.Add((i, end));
            }
        }
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return found;
    }

    /// <summary>Overlapping and touching spans as one (a CJK word split in two reads as one mark).</summary>
    private static List<(int Start, int End)> Merge(List<(int Start, int End)> sorted)
    {
        var merged = new List<(int Start, int End)>(sorted.Count);
        foreach (var m in sorted)
        {
            if (merged.Count > 0 && m.Start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, m.End));
            else merged.Add(m);
        }
        return merged;
    }

    private static bool IsCjk(string text, int index) =>
        Rune.TryGetRuneAt(text, index, out var rune) && TextAnalyzer.IsCjk(rune);

    /// <summary>Runs of token characters, split into CJK and other runs.</summary>
    private static IEnumerable<(string Segment, bool Cjk)> Segments(string text)
    {
        var current = new StringBuilder();
        bool? cjk = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var isToken = TextAnalyzer.IsTokenRune(rune);
            var isCjk = TextAnalyzer.IsCjk(rune);
            if (!isToken || (cjk is { } c && c != isCjk))
            {
                if (current.Length > 0) yield return (current.ToString(), cjk == true);
                current.Clear();
                cjk = null;
                if (!isToken) continue;
            }
            current.Append(rune.ToString());
            cjk = isCjk;
        }
        if (current.Length > 0) yield return (current.ToString(), cjk == true);
    }
}
