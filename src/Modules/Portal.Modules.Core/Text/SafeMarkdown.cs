using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Modules.Core.Text;

/// <summary>The one Markdown pipeline of the portal: tables, task lists and heading anchors; raw
/// HTML is shown as text; link and image targets are checked in the syntax tree after parsing
/// (reference-style links are resolved by then) and anything other than http, https, mailto or a
/// relative target is rendered as plain text.</summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseCjkFriendlyEmphasis()
        .DisableHtml()
        .Build();

    private static readonly string[] LinkSchemes = ["http", "https", "mailto"];
    private static readonly string[] ImageSchemes = ["http", "https"];

    public static string ToHtml(string? markdown)
    {
        var document = Parse(markdown);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The text a reader sees, without markup: for search bodies and snippets.</summary>
    public static string ToPlainText(string? markdown)
    {
        var document = Parse(markdown);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new Markdig.Renderers.HtmlRenderer(writer)
        {
            EnableHtmlForBlock = false,
            EnableHtmlForInline = false,
            EnableHtmlEscape = false,
        };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return System.Text.RegularExpressions.Regex.Replace(writer.ToString(), @"\s+", " ").Trim();
    }

    /// <summary>True for http, https and mailto URLs (images: http and https) and for relative
    /// targets. Whitespace and control characters are ignored the way browsers ignore them, so
    /// "java&#9;script:" is recognised for what it is.</summary>
    public static bool IsSafeUrl(string? url, bool image = false)
    {
        if (string.IsNullOrEmpty(url)) return true;
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c != '\u200B' && c != '\uFEFF').ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return true;
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        // "a/b:c" or "?x=y:z" is a relative target; the colon is not a scheme separator there.
        if (firstDelimiter >= 0 && firstDelimiter < colon) return true;
        var scheme = compact[..colon].ToLowerInvariant();
        return (image ? ImageSchemes : LinkSchemes).Contains(scheme, StringComparer.Ordinal);
    }

    private static MarkdownDocument Parse(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsSafeUrl(link.Url, link.IsImage))
            {
                if (!link.IsImage && IsAbsolute(link.Url))
                    link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
                continue;
            }
            Defuse(link);
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
            if (!IsSafeUrl(url)) autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
        return document;
    }

    private static bool IsAbsolute(string? url) =>
        url is not null && (url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("//", StringComparison.Ordinal));

    // An unsafe image becomes its alt text; an unsafe link keeps its text and loses the target.
    private static void Defuse(LinkInline link)
    {
        if (link.IsImage)
        {
            var alt = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            link.ReplaceBy(new LiteralInline(alt));
            return;
        }
        var children = new List<Inline>();
        for (var child = link.FirstChild; child is not null; child = child.NextSibling) children.Add(child);
        Inline anchor = link;
        foreach (var child in children)
        {
            child.Remove();
            anchor.InsertAfter(child);
            anchor = child;
        }
        link.Remove();
    }
}
