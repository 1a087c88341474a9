using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Modules.Notifications.Templates;

/// <summary>Fills a template's placeholders and builds the plain-text and HTML parts. Every value
/// is HTML-encoded in the HTML part; paragraphs become &lt;p&gt; and http(s) URLs become links.</summary>
internal static partial class EmailRenderer
{
    public static RenderedEmail Render(EmailTemplate template, string to, IReadOnlyDictionary<string, string> values)
    {
        var missing = template.Placeholders.Where(p => string.IsNullOrEmpty(values.GetValueOrDefault(p))).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new EmailTemplateException(
                $"Email template \"{template.Name}\" ({template.Language}) needs a value for {string.Join(", ", missing.Select(m => "{{" + m + "}}"))}.");

        // A line break in a value must not split the subject header.
        var subject = LineBreak().Replace(Fill(template.Subject, values), " ").Trim();
        var text = Fill(template.Body, values).ReplaceLineEndings("\n");
        return new RenderedEmail(to, template.Language, subject, text, Html(subject, text, template.Language));
    }

    // One pass, so a value that itself contains "{{x}}" is never expanded.
    private static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        EmailTemplate.Placeholder().Replace(text, m => values[m.Groups[1].Value]);

    private static string Html(string subject, string text, string language)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\">\n<head>\n<meta charset=\"utf-8\" />\n<title>")
            .Append(Encode(subject)).Append("</title>\n</head>\n<body>\n");
        foreach (var paragraph in ParagraphBreak().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0))
            html.Append("<p>").AppendJoin("<br />\n", paragraph.Split('\n').Select(Linkify)).Append("</p>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Linkify(string line)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match match in Url().Matches(line))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'');
            html.Append(Encode(line[at..match.Index]))
                .Append("<a href=\"").Append(Encode(url)).Append("\">").Append(Encode(url)).Append("</a>");
            at = match.Index + url.Length;
        }
        return html.Append(Encode(line[at..])).ToString();
    }

    // WebUtility leaves CJK text as it is and encodes < > & " ' (the XML-safe subset of entities).
    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"https?://[^\s<>""'\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\u4E00-\u9FFF]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\n[ \t]*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"[\r\n]+", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();
}
