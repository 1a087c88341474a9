using System.Xml;
using System.Xml.Linq;
using Portal.Modules.Notifications.Templates;
using Portal.Web.Localization;
using Xunit;

namespace Portal.Modules.Notifications.Tests;

public sealed class TemplateTests
{
    /// <summary>Every module's templates (the test references the host, so all modules are here).</summary>
    private static readonly EmailTemplateStore Store = new([.. Directory
        .GetFiles(AppContext.BaseDirectory, "Portal.Modules.*.dll")
        .Where(f => !f.EndsWith(".Tests.dll", StringComparison.Ordinal))
        .Select(System.Reflection.Assembly.LoadFrom)]);

    public static TheoryData<string, string[]> Required => new()
    {
        { "accounts.invitation", ["name", "link", "days"] },
        { "accounts.reset-password", ["name", "link"] },
        { "accounts.confirm-email", ["name", "link"] },
    };

    [Theory]
    [MemberData(nameof(Required))]
    public void Required_templates_exist_in_both_languages_with_their_placeholders(string name, string[] placeholders)
    {
        foreach (var language in PortalCultures.Supported)
            Assert.Equal(placeholders.Order(), Store.Get(name, language).Placeholders.Order());
    }

    [Fact]
    public void Every_template_exists_in_both_languages_with_the_same_placeholders()
    {
        var byName = Store.All.GroupBy(t => t.Name).ToList();
        Assert.True(byName.Count >= 3);
        foreach (var group in byName)
        {
            Assert.Equal(PortalCultures.Supported.Order(), group.Select(t => t.Language).Order());
            var zh = group.Single(t => t.Language == PortalCultures.Chinese);
            var en = group.Single(t => t.Language == PortalCultures.English);
            Assert.True(zh.Placeholders.SetEquals(en.Placeholders),
                $"{group.Key}: zh-CN uses {string.Join(",", zh.Placeholders)}, en uses {string.Join(",", en.Placeholders)}");
        }
    }

    [Fact]
    public void Templates_name_the_portal_and_say_what_to_do_if_the_email_was_unexpected()
    {
        foreach (var t in Store.All)
        {
            var text = t.Subject + "\n" + t.Body;
            Assert.Contains(t.Language == "en" ? "Customer Portal" : "客户服务门户", text, StringComparison.Ordinal);
            Assert.Contains(t.Language == "en" ? "ignore this email" : "忽略本邮件", t.Body, StringComparison.Ordinal);
            Assert.Contains("{{link}}", t.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Html_part_encodes_values_links_urls_and_is_well_formed()
    {
        var email = EmailRenderer.Render(Store.Get("accounts.invitation", "zh-CN"), "a@example.com", new Dictionary<string, string>
        {
            ["name"] = "张伟 <script>alert('x')</script> & Co",
            ["link"] = "https://portal.example.com/Account/Register?token=a%22b&x=1",
            ["days"] = "7",
        });

        Assert.Equal("邀请您注册客户服务门户账号", email.Subject);
        Assert.StartsWith("张伟 <script>alert('x')</script> & Co，您好：", email.Text, StringComparison.Ordinal);
        Assert.Contains("https://portal.example.com/Account/Register?token=a%22b&x=1", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains("张伟 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co，您好：", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://portal.example.com/Account/Register?token=a%22b&amp;x=1\">https://portal.example.com/Account/Register?token=a%22b&amp;x=1</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", email.Html, StringComparison.Ordinal);

        var document = XDocument.Load(XmlReader.Create(new StringReader(email.Html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        var paragraphs = document.Descendants("p").ToList();
        Assert.True(paragraphs.Count >= 5);
        Assert.Equal("https://portal.example.com/Account/Register?token=a%22b&x=1", document.Descendants("a").Single().Attribute("href")!.Value);
        Assert.Equal("7", paragraphs.Select(p => p.Value).Single(v => v.Contains("天内", StringComparison.Ordinal)).Split(' ')[1]);
    }

    [Fact]
    public void Url_at_the_end_of_a_sentence_does_not_swallow_the_punctuation()
    {
        var template = EmailTemplateStore.Parse("test.note.en", "Subject: Note\n\nSee {{link}}. Or {{link}}，谢谢");
        var email = EmailRenderer.Render(template, "a@example.com", new Dictionary<string, string> { ["link"] = "https://x.example/a?b=1" });
        Assert.Equal("<p>See <a href=\"https://x.example/a?b=1\">https://x.example/a?b=1</a>. Or <a href=\"https://x.example/a?b=1\">https://x.example/a?b=1</a>，谢谢</p>",
            email.Html.Split('\n').Single(l => l.StartsWith("<p>", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_value_that_looks_like_a_placeholder_is_not_expanded()
    {
        var email = EmailRenderer.Render(Store.Get("accounts.confirm-email", "en"), "a@example.com",
            new Dictionary<string, string> { ["name"] = "{{link}}", ["link"] = "https://x.example/c" });
        Assert.StartsWith("Hello {{link}},", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_is_an_error_naming_the_placeholder()
    {
        var error = Assert.Throws<EmailTemplateException>(() => EmailRenderer.Render(Store.Get("accounts.invitation", "en"), "a@example.com",
            new Dictionary<string, string> { ["name"] = "Ann", ["link"] = "" }));
        Assert.Equal("Email template \"accounts.invitation\" (en) needs a value for {{days}}, {{link}}.", error.Message);
    }

    [Fact]
    public void An_unknown_template_is_an_error()
    {
        var error = Assert.Throws<EmailTemplateException>(() => Store.Get("accounts.nope", "zh-CN"));
        Assert.Contains("accounts.nope", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.en", "No subject line\n\nBody")]
    [InlineData("x.en", "Subject: Hi\nBody right away")]
    [InlineData("x.en", "Subject: Hi\n\nHello {{ name }}")]
    [InlineData("x.en", "Subject: Hi\n\nHello {name}}")]
    [InlineData("x.fr", "Subject: Hi\n\nBonjour")]
    [InlineData("x.en", "Subject: Hi\n\n")]
    public void Malformed_template_files_are_rejected(string fileName, string content) =>
        Assert.Throws<InvalidOperationException>(() => EmailTemplateStore.Parse(fileName, content));

    [Fact]
    public void A_line_break_in_a_value_does_not_reach_the_subject()
    {
        var template = EmailTemplateStore.Parse("test.subject.en", "Subject: Hello {{name}}\n\nBody");
        var email = EmailRenderer.Render(template, "a@example.com", new Dictionary<string, string> { ["name"] = "Ann\r\nBcc: x@evil.example" });
        Assert.Equal("Hello Ann Bcc: x@evil.example", email.Subject);
    }
}
