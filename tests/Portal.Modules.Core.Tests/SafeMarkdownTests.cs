using AngleSharp.Html.Parser;
using Portal.Modules.Core.Text;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class SafeMarkdownTests
{
    private static readonly HtmlParser Parser = new();

    private static readonly string[] AllowedElements =
    [
        "p", "a", "img", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "input",
        "table", "thead", "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "sub", "sup", "ins", "mark", "col", "colgroup",
    ];

    public static TheoryData<string> XssCorpus => new()
    {
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](java&#9;script:alert(1))",
        "[click](java&#10;script:alert(1))",
        "[click](&#1;javascript:alert(1))",
        "[click]( javascript:alert(1))",
        "[click](<java script:alert(1)>)",
        "[click](\u200Bjavascript:alert(1))",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](VBScript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "![img](javascript:alert(1))",
        "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![img](data:image/png;base64,iVBORw0KGgo=)",
        "[ref link][r]\n\n[r]: javascript:alert(1)",
        "[ref link][r]\n\n[r]: &#106;avascript:alert(1) \"title\"",
        "[collapsed][]\n\n[collapsed]: vbscript:msgbox(1)",
        "[shortcut]\n\n[shortcut]: data:text/html,<script>alert(1)</script>",
        "![ref image][i]\n\n[i]: javascript:alert(1)",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "text <span onmouseover=\"alert(1)\">hover</span> text",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "[x](javascript:alert(1) \"title\")",
        "[![nested](javascript:alert(1))](javascript:alert(2))",
        "[a](https://ok.example \"\\\" onmouseover=\\\"alert(1)\")",
        "```\n<script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
        "- [ ] <img src=x onerror=alert(1)>\n- [x] [y](javascript:alert(1))",
        "# Heading <script>alert(1)</script>",
        "www.example.com/javascript:alert(1)",
        "javascript:alert(1)",
        "[x](  \tjavascript:alert(1))",
        "[x](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
    };

    [Theory]
    [MemberData(nameof(XssCorpus))]
    public void Hostile_markdown_yields_no_script_and_no_unsafe_url(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, AllowedElements);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler attribute in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                    Assert.True(IsHarmless(attribute.Value), $"unsafe {attribute.Name}=\"{attribute.Value}\" in {html}");
            }
        }
    }

    [Fact]
    public void Unsafe_link_keeps_its_text_without_a_target()
    {
        var html = SafeMarkdown.ToHtml("see [the manual](javascript:alert(1)) please");
        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.Contains("the manual", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsafe_image_becomes_its_alt_text()
    {
        var html = SafeMarkdown.ToHtml("![diagram](data:image/png;base64,AAAA)");
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("diagram", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = SafeMarkdown.ToHtml("<script>alert(1)</script>");
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_links_images_tables_task_lists_and_anchors_render()
    {
        var html = SafeMarkdown.ToHtml("""
            ## 安装 Setup

            [site](https://example.com/a?b=c) [mail](mailto:help@example.com) [rel](/Knowledge/Articles/zh/x) [frag](#setup)
            ![pic](/Knowledge/Files/1/a.png) <https://example.com/auto>

            | a | b |
            |---|---|
            | 1 | 2 |

            - [x] done
            - [ ] open
            """);
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        var hrefs = document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["https://example.com/a?b=c", "mailto:help@example.com", "/Knowledge/Articles/zh/x", "#setup", "https://example.com/auto"], hrefs);
        Assert.Equal("/Knowledge/Files/1/a.png", document.QuerySelector("img")!.GetAttribute("src"));
        Assert.NotNull(document.QuerySelector("table td"));
        Assert.Equal(2, document.QuerySelectorAll("input[type=checkbox]").Length);
        Assert.False(string.IsNullOrEmpty(document.QuerySelector("h2")!.Id));
        Assert.Contains("noopener", document.QuerySelector("a")!.GetAttribute("rel"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://a.example", false, true)]
    [InlineData("HTTP://a.example", false, true)]
    [InlineData("mailto:a@b.example", false, true)]
    [InlineData("mailto:a@b.example", true, false)]
    [InlineData("/x/y:z", false, true)]
    [InlineData("x?y=a:b", false, true)]
    [InlineData("#anchor", false, true)]
    [InlineData("javascript:x", false, false)]
    [InlineData(" j\ta\nvascript:x", false, false)]
    [InlineData("\u0001javascript:x", false, false)]
    [InlineData("data:text/html,x", false, false)]
    [InlineData("ftp://a.example", false, false)]
    public void Url_allow_list(string url, bool image, bool safe) => Assert.Equal(safe, SafeMarkdown.IsSafeUrl(url, image));

    [Fact]
    public void Plain_text_has_no_markup()
    {
        var text = SafeMarkdown.ToPlainText("# Title\n\nSome **bold** and [a link](https://x.example) `code` <b>raw</b>");
        Assert.Equal("Title Some bold and a link code <b>raw</b>", text);
    }

    // Independent of SafeMarkdown.IsSafeUrl: what a browser would do with the attribute value.
    private static bool IsHarmless(string value)
    {
        var compact = new string(value.Where(c => c > ' ' && c != '\u007F' && c != '\u200B').ToArray()).ToLowerInvariant();
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon)) return true;
        return compact.StartsWith("http:", StringComparison.Ordinal) || compact.StartsWith("https:", StringComparison.Ordinal) || compact.StartsWith("mailto:", StringComparison.Ordinal);
    }
}
