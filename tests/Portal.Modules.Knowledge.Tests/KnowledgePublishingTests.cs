using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Knowledge.Tests;

/// <summary>What leaves the knowledge base: the Atom feed, related-article links, the export zip
/// (and its import elsewhere), uploaded files; and the header search box on every page.</summary>
public sealed class KnowledgePublishingTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly HtmlParser Parser = new();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_Atom_feed_is_well_formed_and_lists_only_public_published_articles_of_its_language(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider, shippedContent: false);
        var staff = await kit.StaffAsync();
        await CreateAsync(staff, "zh", "kb-feed-draft", "测试：公开草稿", "public", publish: false);
        var archived = await CreateAsync(staff, "zh", "kb-feed-archived", "测试：已归档", "public", publish: true);
        await SetStatusAsync(staff, archived, "archived", rowVersion: 2);
        await CreateAsync(staff, "zh", "kb-feed-new", "测试：新公开文章", "public", publish: true);
        var customer = await kit.CustomerAsync();

        foreach (var (lang, expected) in new[]
                 {
                     ("zh", new[] { "测试：如何重置密码", "测试：新公开文章" }),
                     ("en", ["Test: how do I reset my password"]),
                 })
        {
            // Signed in or not, the feed is the public one (a feed reader has no session).
            foreach (var reader in new[] { kit.App.Browser(), customer, staff })
            {
                var response = await reader.GetAsync($"/Knowledge/Feed/{lang}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
                var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

                Assert.Equal(Atom + "feed", feed.Name);
                Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "title")?.Value));
                AssertAbsoluteUri(feed.Element(Atom + "id")?.Value);
                var feedUpdated = Instant(feed.Element(Atom + "updated")?.Value);
                AssertAbsoluteUri(feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")?.Value);

                var entries = feed.Elements(Atom + "entry").ToList();
                foreach (var entry in entries)
                {
                    Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value));
                    AssertAbsoluteUri(entry.Element(Atom + "id")?.Value);
                    var href = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")?.Value;
                    AssertAbsoluteUri(href);
                    Assert.Contains($"/Knowledge/Articles/{lang}/", href, StringComparison.Ordinal);
                    Assert.True(Instant(entry.Element(Atom + "updated")?.Value) <= feedUpdated, "an entry is newer than the feed");
                }
                Assert.Equal(expected.Order(StringComparer.Ordinal), entries.Select(e => e.Element(Atom + "title")!.Value).Order(StringComparer.Ordinal));
                Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct(StringComparer.Ordinal).Count());
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await kit.App.Browser().GetAsync("/Knowledge/Feed/fr")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Related_articles_never_link_to_an_article_the_reader_may_not_open(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider, shippedContent: false);
        var staff = await kit.StaffAsync();
        // Same category and tag as every fixture article, so it would rank first if drafts leaked.
        await CreateAsync(staff, "zh", "kb-related-draft", "测试：相关草稿", "public", publish: false, tags: "登录, 密码");
        await CreateAsync(staff, "zh", "kb-related-archived", "测试：相关归档", "public", publish: true, tags: "登录, 密码");
        var archived = await IdOfAsync(kit, "zh", "kb-related-archived");
        await SetStatusAsync(staff, archived, "archived", rowVersion: 2);
        var readers = new[] { ("anonymous", kit.App.Browser()), ("customer", await kit.CustomerAsync()), ("staff", staff) };
        var articles = new[] { "zh/kb-test-public-faq", "zh/kb-test-customers-issue", "zh/kb-test-internal-note", "en/kb-test-public-faq" };

        var linksSeen = 0;
        foreach (var (who, reader) in readers)
        foreach (var article in articles)
        {
            var page = await reader.GetAsync($"/Knowledge/Articles/{article}");
            if (page.StatusCode == HttpStatusCode.NotFound) continue;
            var html = await page.Content.ReadAsStringAsync();
            Assert.DoesNotContain("测试：相关草稿", html, StringComparison.Ordinal);
            Assert.DoesNotContain("测试：相关归档", html, StringComparison.Ordinal);
            foreach (var link in Parser.ParseDocument(html).QuerySelectorAll("[data-testid=related] a"))
            {
                var href = link.GetAttribute("href")!;
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(href)).StatusCode);
                Assert.NotEqual($"/Knowledge/Articles/{article}", href);
                linksSeen++;
            }
        }
        // The fixtures share tags, so there were links to check (else this test could not fail).
        Assert.True(linksSeen >= 4, $"only {linksSeen} related links were shown");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exported_articles_imported_into_a_fresh_database_come_back_equal(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider, shippedContent: false);
        var staff = await kit.StaffAsync();
        // Text that YAML and the front matter could get wrong.
        await CreateAsync(staff, "zh", "kb-roundtrip", "他说：\"别慌\" # 不是注释: 也不是键", "customers", publish: true,
            body: "---\nkey: value\n---\n\n- [ ] 任务\n\n```yaml\ntitle: 不是标题\n```\n\n行尾两个空格  \n最后一行 \\ 反斜杠",
            tags: "C#, a: b, [括号], 'quoted'", products: "kms, afc-2", versions: ">=8.0 <8.6", category: "分类: 冒号");
        await CreateAsync(staff, "en", "kb-roundtrip", "Quotes \"and\" colons: yes", "customers", publish: true, body: "English text.");
        await CreateAsync(staff, "zh", "kb-roundtrip-draft", "草稿不导出", "public", publish: false);

        var export = await staff.GetAsync("/Knowledge/Manage/Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.True(export.Headers.CacheControl?.NoStore, "A private export is never cached.");
        var folder = Directory.CreateTempSubdirectory("kb-export-").FullName;
        await using (var zip = await export.Content.ReadAsStreamAsync())
            await ZipFile.ExtractToDirectoryAsync(zip, folder);

        await using var fresh = await KnowledgeTestKit.StartAppAsync(provider, new RecordingIndexer(), shippedContent: false);
        var import = await KnowledgeTestKit.ImportAsync(fresh, folder);
        Assert.Empty(import.Errors);

        var before = await PublishedAsync(kit.App);
        var after = await PublishedAsync(fresh);
        Assert.Equal(6, before.Count);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, original) in before)
        {
            var copy = after[key];
            Assert.True(original.Content.SameAs(copy.Content), $"{key} differs after the round trip:\n{Describe(original)}\n---\n{Describe(copy)}");
            Assert.Equal(ArticleVocabulary.Published, copy.Status);
        }
        Assert.DoesNotContain("zh/kb-roundtrip-draft", after.Keys);

        // Translations are linked by slug: the imported Chinese article links its English one.
        var customer = await CustomerOfAsync(fresh);
        var page = await customer.GetDocumentAsync("/Knowledge/Articles/zh/kb-roundtrip");
        Assert.Equal("/Knowledge/Articles/en/kb-roundtrip", page.QuerySelector("[data-testid=translation]")?.GetAttribute("href"));
        Assert.Equal("他说：\"别慌\" # 不是注释: 也不是键", page.QuerySelector("[data-testid=article] h1")?.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Uploaded_files_are_served_to_readers_of_the_article_images_inline_everything_else_as_attachment(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider, shippedContent: false);
        var staff = await kit.StaffAsync();
        var publicId = await IdOfAsync(kit, "zh", "kb-test-public-faq");
        var internalId = await IdOfAsync(kit, "zh", "kb-test-internal-note");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4 };
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var html = "<html><script>alert(1)</script></html>"u8.ToArray();

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(staff, publicId, "../../截图.png", png)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(staff, publicId, "diagram.svg", svg)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(staff, publicId, "page.html", html)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(staff, internalId, "internal.png", png)).StatusCode);
        var customer = await kit.CustomerAsync();

        var links = (await staff.GetDocumentAsync($"/Knowledge/Manage/Edit?id={publicId}")).QuerySelectorAll("[data-testid=attachments] li > a")
            .ToDictionary(a => a.TextContent, a => a.GetAttribute("href")!, StringComparer.Ordinal);
        Assert.Equal(["diagram.svg", "page.html", "截图.png"], links.Keys.Order(StringComparer.Ordinal));

        var anonymous = kit.App.Browser();
        var image = await anonymous.GetAsync(links["截图.png"]);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Header(image, "X-Content-Type-Options"));
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());

        foreach (var (name, bytes) in new[] { ("diagram.svg", svg), ("page.html", html) })
        {
            var file = await anonymous.GetAsync(links[name]);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/octet-stream", file.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(name, file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal("nosniff", Header(file, "X-Content-Type-Options"));
            Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
        }

        // A file follows its article: the internal note's image is for staff only; unknown ids are 404.
        var internalLink = (await staff.GetDocumentAsync($"/Knowledge/Manage/Edit?id={internalId}")).QuerySelector("[data-testid=attachments] li > a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(internalLink)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(internalLink)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(internalLink)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Knowledge/Files/999999/x.png")).StatusCode);

        // A customer cannot upload, even with a valid antiforgery token of their own.
        var customerToken = (await customer.GetDocumentAsync("/Knowledge/Articles/zh/kb-test-public-faq"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await customer.PostAsync($"/Knowledge/Manage/Edit?id={publicId}&handler=Upload", Multipart("x.png", png, customerToken));
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"a customer's upload gave {refused.StatusCode}");
        if (refused.StatusCode == HttpStatusCode.Redirect) Assert.DoesNotContain("/Knowledge/Manage", refused.Headers.Location!.OriginalString.Split('?')[0], StringComparison.Ordinal);
        Assert.Equal(4, await ScalarAsync(kit.App, "SELECT COUNT(*) FROM kb_files"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_page_has_a_labelled_search_box_that_works_without_script(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider, shippedContent: false);
        var browser = kit.App.Browser();
        foreach (var (url, label) in new[] { ("/", "搜索知识库"), ("/Knowledge/Articles/zh/kb-test-public-faq", "搜索知识库"), ("/Knowledge/Search?q=密码", "搜索知识库") })
        {
            var page = await browser.GetDocumentAsync(url);
            var form = page.QuerySelector("header form[role=search][data-testid=site-search]");
            Assert.NotNull(form);
            Assert.Equal("get", form.GetAttribute("method"));
            Assert.Equal("/Knowledge/Search", form.GetAttribute("action"));
            var input = form.QuerySelector("input[name=q]")!;
            Assert.Equal(label, form.QuerySelector($"label[for={input.Id}]")?.TextContent.Trim());
            Assert.Equal("combobox", input.GetAttribute("role"));
            Assert.Equal("false", input.GetAttribute("aria-expanded"));
            Assert.Equal("listbox", page.GetElementById(input.GetAttribute("aria-controls")!)?.GetAttribute("role"));
            Assert.Equal("/api/search/suggest", input.GetAttribute("data-suggest-url"));
            Assert.Single(page.QuerySelectorAll("script[src*='/js/search-suggest']"));
            Assert.Empty(page.QuerySelectorAll("script:not([src])"));
            Assert.Equal(page.QuerySelectorAll("[id]").Length, page.QuerySelectorAll("[id]").Select(e => e.Id).Distinct().Count());
        }

        // Submitting the form without script is a plain GET to the results page.
        var results = await browser.GetAsync("/Knowledge/Search?q=" + Uri.EscapeDataString("重置密码"));
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);

        // In English too.
        var english = await browser.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        var home = await browser.GetDocumentAsync("/");
        Assert.Equal("Search the knowledge base", home.QuerySelector("label[for=site-search-q]")?.TextContent.Trim());
        Assert.Equal("Search", home.QuerySelector("[data-testid=site-search-submit]")?.TextContent.Trim());
    }

    private static async Task<long> CreateAsync(HttpClient staff, string lang, string slug, string title, string visibility, bool publish,
        string body = "正文", string tags = "登录", string products = "kms", string? versions = null, string category = "测试分类")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Lang"] = lang, ["Input.Slug"] = slug, ["Input.Type"] = "article", ["Input.Title"] = title, ["Input.Body"] = body,
            ["Input.Category"] = category, ["Input.Visibility"] = visibility, ["Input.Tags"] = tags, ["Input.Products"] = products,
            ["Input.Versions"] = versions ?? "", ["Input.RowVersion"] = "0",
        };
        var created = await staff.PostFormAsync("/Knowledge/Manage/Edit?handler=Save", fields, "/Knowledge/Manage/Edit");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = long.Parse(created.Headers.Location!.OriginalString.Split("id=")[1], CultureInfo.InvariantCulture);
        if (publish) await SetStatusAsync(staff, id, "published", rowVersion: 1);
        return id;
    }

    private static async Task SetStatusAsync(HttpClient staff, long id, string status, long rowVersion)
    {
        var response = await staff.PostFormAsync($"/Knowledge/Manage/Edit?id={id}&handler=Status&status={status}",
            new() { ["Input.RowVersion"] = rowVersion.ToString(CultureInfo.InvariantCulture) }, $"/Knowledge/Manage/Edit?id={id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient staff, long id, string name, byte[] bytes)
    {
        var editor = await staff.GetDocumentAsync($"/Knowledge/Manage/Edit?id={id}");
        var token = editor.QuerySelector("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await staff.PostAsync($"/Knowledge/Manage/Edit?id={id}&handler=Upload", Multipart(name, bytes, token));
    }

    private static MultipartFormDataContent Multipart(string name, byte[] bytes, string? token)
    {
        var content = new MultipartFormDataContent();
        if (token is not null) content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "upload", name);
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    private static async Task<Dictionary<string, ArticleRow>> PublishedAsync(PortalWebApp app)
    {
        var db = app.Services.GetRequiredService<IDb>();
        await using var c = await db.OpenAsync();
        var rows = await c.QueryAsync<ArticleRow>($"SELECT {ArticleRow.Columns} FROM kb_articles a WHERE a.status = 'published'");
        return rows.ToDictionary(r => $"{r.Lang}/{r.Slug}", StringComparer.Ordinal);
    }

    private static string Describe(ArticleRow a) =>
        $"{a.Type} | {a.Title} | {a.Category} | {a.Products} | {a.Versions} | {a.Tags} | {a.Visibility}\n{a.Body}";

    private static async Task<long> IdOfAsync(KnowledgeTestKit kit, string lang, string slug)
    {
        var db = kit.App.Services.GetRequiredService<IDb>();
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT id FROM kb_articles WHERE lang = @lang AND slug = @slug", new { lang, slug });
    }

    private static async Task<long> ScalarAsync(PortalWebApp app, string sql)
    {
        var db = app.Services.GetRequiredService<IDb>();
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<HttpClient> CustomerOfAsync(PortalWebApp app)
    {
        var org = await app.CreateOrganisationAsync("RT" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), "Round trip");
        var email = $"c{Guid.NewGuid():N}@roundtrip.example";
        await app.CreateUserAsync(email, KnowledgeTestKit.Password, Core.Security.PortalRoles.Customer, org);
        return await app.SignInAsync(email, KnowledgeTestKit.Password);
    }

    private static void AssertAbsoluteUri(string? value) =>
        Assert.True(Uri.TryCreate(value, UriKind.Absolute, out _), $"\"{value}\" is not an absolute URI");

    private static DateTimeOffset Instant(string? value) =>
        DateTimeOffset.ParseExact(value ?? "", "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
