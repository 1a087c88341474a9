using Portal.Modules.Knowledge.Contracts;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Knowledge.Tests;

public sealed class KnowledgeBaseTests
{
    private const string PublicZh = "/Knowledge/Articles/zh/kb-test-public-faq";
    private const string CustomersZh = "/Knowledge/Articles/zh/kb-test-customers-issue";
    private const string InternalZh = "/Knowledge/Articles/zh/kb-test-internal-note";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_is_idempotent_and_links_translations(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        Assert.Empty(kit.Import.Errors);
        Assert.Equal(4, kit.Import.Counts["knowledge articles imported"]);
        Assert.Contains("kb:zh:kb-test-public-faq", kit.Indexer.Keys);
        var revisions = await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_revisions");

        var again = await KnowledgeTestKit.ImportAsync(kit.App, KnowledgeTestKit.Fixtures);
        Assert.Empty(again.Errors);
        Assert.False(again.Counts.ContainsKey("knowledge articles imported"));
        Assert.Equal(revisions, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_revisions"));

        var page = await kit.App.Browser().GetDocumentAsync(PublicZh);
        Assert.Equal("/Knowledge/Articles/en/kb-test-public-faq", page.QuerySelector("[data-testid=translation]")!.GetAttribute("href"));
        Assert.Contains("KMS", page.QuerySelector("[data-testid=applies-to]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".kb-body strong"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_reports_an_unknown_key_with_its_line_and_imports_the_rest(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider, services: s => s.AddSingleton<ISearchIndexer>(new RecordingIndexer()));
        var folder = Directory.CreateTempSubdirectory("kb-import-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "knowledge", "zh"));
        await File.WriteAllTextAsync(Path.Combine(folder, "knowledge", "zh", "bad-key.md"),
            "---\ntitle: 坏文件\ntype: faq\ncolour: red\ncategory: 测试\nvisibility: public\n---\n正文\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "knowledge", "zh", "good-one.md"),
            "---\ntitle: 好文件\ntype: faq\ncategory: 测试\nvisibility: public\n---\n正文\n");

        var import = await KnowledgeTestKit.ImportAsync(app, folder);

        var error = Assert.Single(import.Errors);
        Assert.StartsWith("knowledge/zh/bad-key.md:4:", error, StringComparison.Ordinal);
        Assert.Equal(1, import.Counts["knowledge articles imported"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Readers_see_only_what_their_audience_allows(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var anonymous = kit.App.Browser();
        var customer = await kit.CustomerAsync();
        var staff = await kit.StaffAsync();

        // Article pages.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(PublicZh)).StatusCode);
        var signIn = await anonymous.GetAsync(CustomersZh);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/Account/SignIn", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("测试：客户专属已知问题", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(InternalZh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(CustomersZh)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(InternalZh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(InternalZh)).StatusCode);

        // Home, category list, related articles and the feed.
        foreach (var (browser, visible, hidden) in new[]
                 {
                     (anonymous, new[] { "测试：如何重置密码" }, new[] { "测试：客户专属已知问题", "测试：内部处理说明" }),
                     (customer, ["测试：如何重置密码", "测试：客户专属已知问题"], ["测试：内部处理说明"]),
                 })
        {
            var home = await (await browser.GetAsync("/Knowledge?lang=zh")).Content.ReadAsStringAsync();
            var category = await (await browser.GetAsync("/Knowledge/Category?name=测试分类&lang=zh")).Content.ReadAsStringAsync();
            var related = await (await browser.GetAsync(PublicZh)).Content.ReadAsStringAsync();
            foreach (var title in hidden)
            {
                Assert.DoesNotContain(title, home, StringComparison.Ordinal);
                Assert.DoesNotContain(title, category, StringComparison.Ordinal);
                Assert.DoesNotContain(title, related, StringComparison.Ordinal);
            }
            foreach (var title in visible) Assert.Contains(title, category, StringComparison.Ordinal);
        }
        // Which related articles staff see depends on what else is alike in words (the shipped
        // articles are here too); that internal ones are among them is SuggestRelatedTests' case.
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(PublicZh)).StatusCode);

        var feed = await (await customer.GetAsync("/Knowledge/Feed/zh")).Content.ReadAsStringAsync();
        Assert.Contains("测试：如何重置密码", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("测试：客户专属已知问题", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("测试：内部处理说明", feed, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_create_preview_publish_conflict_and_restore(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var alice = await kit.StaffAsync("alice");
        var bob = await kit.StaffAsync("bob");
        var fields = new Dictionary<string, string>
        {
            ["Input.Lang"] = "zh", ["Input.Slug"] = "kb-test-new", ["Input.Type"] = "article", ["Input.Title"] = "新文章",
            ["Input.Body"] = "第一版 [x](javascript:alert(1))", ["Input.Category"] = "测试分类", ["Input.Visibility"] = "public",
            ["Input.Tags"] = "甲, 乙", ["Input.Products"] = "kms", ["Input.RowVersion"] = "0",
        };

        var preview = await alice.PostFormAsync("/Knowledge/Manage/Edit?handler=Preview", new(fields), "/Knowledge/Manage/Edit");
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"preview-output\"", previewHtml, StringComparison.Ordinal);
        var previewOutput = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(previewHtml).QuerySelector("[data-testid=preview-output]")!;
        Assert.Contains("第一版", previewOutput.TextContent, StringComparison.Ordinal);
        Assert.Null(previewOutput.QuerySelector("a"));

        var created = await alice.PostFormAsync("/Knowledge/Manage/Edit?handler=Save", new(fields), "/Knowledge/Manage/Edit");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var id = long.Parse(editUrl.Split("id=")[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.NotFound, (await kit.App.Browser().GetAsync("/Knowledge/Articles/zh/kb-test-new")).StatusCode);

        var published = await alice.PostFormAsync($"/Knowledge/Manage/Edit?id={id}&handler=Status&status=published", new() { ["Input.RowVersion"] = "1" }, editUrl);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kit.App.Browser().GetAsync("/Knowledge/Articles/zh/kb-test-new")).StatusCode);
        Assert.Contains("kb:zh:kb-test-new", kit.Indexer.Keys);

        // Alice and Bob both opened version 2; Bob saves first.
        var bobFields = new Dictionary<string, string>(fields) { ["Input.Body"] = "鲍勃的版本", ["Input.RowVersion"] = "2" };
        Assert.Equal(HttpStatusCode.Redirect, (await bob.PostFormAsync($"/Knowledge/Manage/Edit?id={id}&handler=Save", bobFields, editUrl)).StatusCode);
        var aliceFields = new Dictionary<string, string>(fields) { ["Input.Body"] = "爱丽丝的重要修改", ["Input.RowVersion"] = "2" };
        var conflict = await alice.PostFormAsync($"/Knowledge/Manage/Edit?id={id}&handler=Save", aliceFields, editUrl);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var conflictPage = await conflict.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"form-errors\"", conflictPage, StringComparison.Ordinal);
        Assert.Contains("爱丽丝的重要修改", conflictPage, StringComparison.Ordinal);
        Assert.Contains("鲍勃的版本", conflictPage, StringComparison.Ordinal);
        Assert.Contains("鲍勃的版本", await (await kit.App.Browser().GetAsync("/Knowledge/Articles/zh/kb-test-new")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Restore revision 1 (the first text).
        var restored = await alice.PostFormAsync($"/Knowledge/Manage/Revisions?id={id}&n=1&handler=Restore", new(), $"/Knowledge/Manage/Revisions?id={id}&n=1");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var article = await (await kit.App.Browser().GetAsync("/Knowledge/Articles/zh/kb-test-new")).Content.ReadAsStringAsync();
        Assert.Contains("第一版", article, StringComparison.Ordinal);
        var history = await alice.GetDocumentAsync($"/Knowledge/Manage/Revisions?id={id}");
        Assert.Equal(4, history.QuerySelectorAll("[data-testid=history] tbody tr").Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_vote_per_reader_and_staff_see_the_votes(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var anonymous = kit.App.Browser();
        var first = await anonymous.PostFormAsync(PublicZh + "?handler=Vote", new() { ["Vote.Helpful"] = "true", ["Vote.Comment"] = "很清楚" }, PublicZh);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var after = await anonymous.GetDocumentAsync(PublicZh);
        Assert.NotNull(after.QuerySelector("[data-testid=voted]"));
        Assert.Null(after.QuerySelector("[data-testid=vote-form]"));

        var customer = await kit.CustomerAsync();
        await customer.PostFormAsync(PublicZh + "?handler=Vote", new() { ["Vote.Helpful"] = "false" }, PublicZh);
        var token = (await customer.GetDocumentAsync(PublicZh)).QuerySelector("[data-testid=voted]");
        Assert.NotNull(token);

        Assert.Equal(2, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_votes"));
        var id = await kit.ScalarAsync<long>("SELECT id FROM kb_articles WHERE lang = 'zh' AND slug = 'kb-test-public-faq'");
        var staff = await kit.StaffAsync();
        var edit = await staff.GetDocumentAsync($"/Knowledge/Manage/Edit?id={id}");
        var votes = edit.QuerySelector("[data-testid=votes]")!.TextContent;
        Assert.Contains("很清楚", votes, StringComparison.Ordinal);
        Assert.Contains("1", votes, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Customers_and_visitors_cannot_reach_the_staff_pages(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var customer = await kit.CustomerAsync();
        var anonymous = kit.App.Browser();
        foreach (var url in new[] { "/Knowledge/Manage", "/Knowledge/Manage/Edit", "/Knowledge/Manage/Edit?id=1", "/Knowledge/Manage/Revisions?id=1", "/Knowledge/Manage/Export", "/Knowledge/Manage/Import",
                     "/Knowledge/Manage/Insights", "/Knowledge/Manage/Synonyms" })
        {
            var c = await customer.GetAsync(url);
            Assert.True(c.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{url} gave {c.StatusCode} to a customer");
            if (c.StatusCode == HttpStatusCode.Redirect) Assert.DoesNotContain("/Knowledge/Manage", c.Headers.Location!.OriginalString.Split('?')[0], StringComparison.Ordinal);
            var a = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, a.StatusCode);
            Assert.Contains("/Account/SignIn", a.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var staff = await kit.StaffAsync();
        var export = await staff.GetAsync("/Knowledge/Manage/Export");
        Assert.Equal("application/zip", export.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_editor_form_as_rendered_saves_the_article_it_shows(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var staff = await kit.StaffAsync();
        var id = await kit.ScalarAsync<long>("SELECT id FROM kb_articles WHERE lang = 'zh' AND slug = 'kb-test-public-faq'");
        var articles = await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_articles");
        var editor = await staff.GetDocumentAsync($"/Knowledge/Manage/Edit?id={id}");
        var form = editor.QuerySelector("[data-testid=article-form]")!;

        // What a browser posts: the form's fields, to the clicked button's formaction (it replaces the form's action).
        var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .ToDictionary(e => e.GetAttribute("name")!, e => e switch
            {
                AngleSharp.Html.Dom.IHtmlTextAreaElement t => t.Value,
                AngleSharp.Html.Dom.IHtmlSelectElement sel => sel.Value ?? "",
                _ => e.GetAttribute("value") ?? "",
            });
        fields["Input.Title"] = "测试：如何重置密码（已修订）";
        var action = editor.QuerySelector("[data-testid=save]")!.GetAttribute("formaction")!;
        var saved = await staff.PostAsync(action, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith($"id={id}", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(articles, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_articles"));
        Assert.Contains("（已修订）", await (await kit.App.Browser().GetAsync(PublicZh)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"id={id}", editor.QuerySelector("[data-testid=preview]")!.GetAttribute("formaction"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_article_page_has_no_inline_style_the_CSP_would_block(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var page = await kit.App.Browser().GetDocumentAsync(PublicZh);

        Assert.NotNull(page.QuerySelector("[data-testid=vote-form]"));
        Assert.Empty(page.QuerySelectorAll("[style]").Select(e => e.OuterHtml));
    }
}
