using System.Diagnostics;
using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;
using Xunit;
using static Portal.Modules.Knowledge.Tests.Search.FakeSearchSource;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>Search-as-you-type suggestions, the spelling-tolerant retry and related articles (Lucene only).</summary>
public sealed class SuggestRelatedTests
{
    private const string Password = "correct horse battery";
    private static readonly HtmlParser Parser = new();

    private static readonly SearchDocument[] Corpus =
    [
        Doc("install-patch", "如何安装补丁", "下载补丁包后运行安装程序。", products: ["KMS"]),
        Doc("safe-mode", "安全模式说明", "安全模式下只加载核心服务。", products: ["KMS"]),
        Doc("backup", "数据库备份与恢复", "每天备份数据库。", visibility: "customers"),
        Doc("internal-tools", "安装内部诊断工具", "内部：诊断工具的安装步骤。", visibility: "internal"),
        Doc("install-gateway", "Installing the KMS gateway", "Run the gateway installer and restart the service.", lang: "en", products: ["KMS"]),
        Doc("install-patch", "How to install a patch", "Download the patch package and run the installer.", lang: "en"),
        Doc("reset-password", "Resetting your password", "Open the sign-in page and follow the password reset link sent by email.", lang: "en"),
        Doc("gateway-configuration", "Gateway configuration", "Set the gateway address and port, then restart.", lang: "en"),
        Doc("error-codes", "Error KB-1234 on start", "The service stops with ORA-00942 when a table is missing.", lang: "en"),
        Doc("internal-install", "Installing internal diagnostics", "Staff only: diagnostics installer.", lang: "en", visibility: "internal"),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Suggestions_complete_typed_CJK_characters_and_English_word_prefixes_the_viewer_may_see(string provider)
    {
        await using var f = await SearchFixture.CreateAsync(provider, Corpus);

        Assert.Contains("如何安装补丁", await TitlesAsync(f, "安", SearchViewer.Anonymous));
        Assert.Contains("安全模式说明", await TitlesAsync(f, "安", SearchViewer.Anonymous));
        Assert.Equal(["如何安装补丁"], await TitlesAsync(f, "安装", SearchViewer.Anonymous));
        Assert.Equal(["如何安装补丁"], await TitlesAsync(f, "装补", SearchViewer.Anonymous));
        Assert.Equal(["数据库备份与恢复"], await TitlesAsync(f, "据库备份与", SearchViewer.Customer(7)));
        Assert.Empty(await TitlesAsync(f, "备份数据库", SearchViewer.Customer(7)));

        Assert.Equal(["How to install a patch", "Installing the KMS gateway"], (await TitlesAsync(f, "instal", SearchViewer.Anonymous)).Order(StringComparer.Ordinal));
        Assert.Equal(["Installing the KMS gateway"], await TitlesAsync(f, "Installi", SearchViewer.Anonymous));
        Assert.Equal(["How to install a patch"], await TitlesAsync(f, "how to inst", SearchViewer.Anonymous));
        Assert.Equal(["Installing the KMS gateway"], await TitlesAsync(f, "ＫＭＳ gate", SearchViewer.Anonymous));

        // What a customer may not open is never suggested to them, whatever they type.
        foreach (var typed in new[] { "安装", "安", "诊断", "Installi", "instal", "diag" })
        {
            var customer = await TitlesAsync(f, typed, SearchViewer.Customer(7));
            Assert.DoesNotContain("安装内部诊断工具", customer);
            Assert.DoesNotContain("Installing internal diagnostics", customer);
        }
        Assert.DoesNotContain("数据库备份与恢复", await TitlesAsync(f, "数据", SearchViewer.Anonymous));
        Assert.Contains("安装内部诊断工具", await TitlesAsync(f, "安装", SearchViewer.Staff));
        Assert.Contains("Installing internal diagnostics", await TitlesAsync(f, "Installi", SearchViewer.Staff));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_misspelt_English_word_finds_its_article_through_similar_words(string provider)
    {
        await using var f = await SearchFixture.CreateAsync(provider, Corpus);

        var password = await f.FindAsync("pasword", SearchViewer.Anonymous);
        Assert.Equal("kb:en:reset-password", password.Hits[0].Key);
        Assert.True(password.ShowsSimilarWords);
        Assert.False(password.OnlyPartialMatches);
        Assert.Equal(["password"], password.SimilarWords);
        Assert.Contains("<mark>password</mark>", password.Hits[0].Snippet, StringComparison.Ordinal);

        var reset = await f.FindAsync("resett pasword", SearchViewer.Anonymous);
        Assert.Equal("kb:en:reset-password", reset.Hits[0].Key);
        Assert.True(reset.ShowsSimilarWords);

        // A typo in the suffix the stemmer cuts off, found through the title's whole words.
        var configuration = await f.FindAsync("configuraton", SearchViewer.Anonymous);
        Assert.Equal("kb:en:gateway-configuration", configuration.Hits[0].Key);
        Assert.True(configuration.ShowsSimilarWords);

        // "instalation" stems like "installation": it matches as written and says nothing about similar words.
        var installation = await f.FindAsync("instalation", SearchViewer.Anonymous);
        Assert.Contains(installation.Hits, h => h.Key == "kb:en:install-gateway");
        Assert.False(installation.ShowsSimilarWords);
        var gateway = await f.FindAsync("instalation gatway", SearchViewer.Anonymous);
        Assert.Equal("kb:en:install-gateway", gateway.Hits[0].Key);
        Assert.True(gateway.ShowsSimilarWords);
        Assert.Equal(["gateway"], gateway.SimilarWords);

        // Similar words never reach what the viewer may not see.
        var diagnostics = await f.FindAsync("diagnostiks", SearchViewer.Customer(7));
        Assert.Equal(0, diagnostics.Total);
        Assert.Empty(diagnostics.Facets["lang"]);
        Assert.Equal("kb:en:internal-install", (await f.FindAsync("diagnostiks", SearchViewer.Staff)).Hits[0].Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_similar_words_for_CJK_codes_short_words_or_phrases(string provider)
    {
        await using var f = await SearchFixture.CreateAsync(provider, Corpus);

        foreach (var query in new[] { "网官", "KB-1235", "ORA-00943", "8.5.3", "\"pasword reset\"", "paswor*", "pasword KB-1235" })
        {
            var result = await f.FindAsync(query, SearchViewer.Staff);
            Assert.False(result.ShowsSimilarWords, query);
            Assert.Equal(0, result.Total);
        }
        // A four-letter word takes one edit: "pach" is "patch".
        Assert.Contains((await f.FindAsync("pach", SearchViewer.Staff)).Hits, h => h.Key == "kb:en:install-patch");
        // A three-letter word is never changed.
        Assert.Equal(0, (await f.FindAsync("pch", SearchViewer.Staff)).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_search_page_says_it_shows_results_for_similar_words(string provider)
    {
        var (app, _) = await StartAsync(provider, Corpus);
        await using var __ = app;
        var browser = app.Browser();

        var zh = await browser.GetDocumentAsync("/Knowledge/Search?q=passwrd");
        Assert.Equal("显示相近词的结果：password", zh.QuerySelector("[data-testid=similar-words]")?.TextContent.Trim());
        Assert.Equal("kb:en:reset-password", zh.QuerySelector("[data-testid=search-hit]")?.GetAttribute("data-key"));
        Assert.Null(zh.QuerySelector("[data-testid=no-results]"));

        // The search box's suggestions come from the same titles.
        using (var suggest = await browser.GetAsync("/api/search/suggest?q=" + Uri.EscapeDataString("Installi")))
        {
            var titles = System.Text.Json.JsonDocument.Parse(await suggest.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
                .Select(e => e.GetProperty("title").GetString()).ToList();
            Assert.Equal(["Installing the KMS gateway"], titles);
        }

        var exact = await browser.GetDocumentAsync("/Knowledge/Search?q=password");
        Assert.Null(exact.QuerySelector("[data-testid=similar-words]"));
        Assert.NotNull((await browser.GetDocumentAsync("/Knowledge/Search?q=网官")).QuerySelector("[data-testid=no-results]"));

        var english = await browser.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        var en = await browser.GetDocumentAsync("/Knowledge/Search?q=passwrd");
        Assert.Equal("Showing results for similar words: password", en.QuerySelector("[data-testid=similar-words]")?.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Related_articles_are_alike_in_words_within_the_article_products_and_visible_to_the_reader(string provider)
    {
        var (app, _) = await StartAsync(provider);
        await using var __ = app;
        await app.CreateUserAsync("s@vendor.test", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("s@vendor.test", Password);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("c@acme.test", Password, PortalRoles.Customer, org);
        var customer = await app.SignInAsync("c@acme.test", Password);
        // Every article shares tags and category, so tags alone cannot tell them apart.
        const string body = "网关超时的时候，先检查网关服务是否运行，再检查网络连接和防火墙端口，最后查看网关日志里的超时记录。";
        await CreateAsync(staff, "kms-timeout", "KMS 网关超时排查", body, "kms", "public");
        await CreateAsync(staff, "kms-log", "KMS 网关日志说明", "网关日志记录网关服务的每次连接和超时，日志保存三十天。", "kms", "public");
        await CreateAsync(staff, "afc-timeout", "AFC 网关超时排查", body, "afc", "public");
        await CreateAsync(staff, "kms-internal", "KMS 网关超时内部手册", "内部：" + body, "kms", "internal");
        await CreateAsync(staff, "scada-timeout", "SCADA 网关超时排查", body, "scada", "public");
        await CreateAsync(staff, "kms-timeout-en", "KMS gateway timeouts", "Check the gateway service and its log when it times out.", "kms", "public", lang: "en");
        await WaitForTotalAsync(staff, "网关", 6);

        var anonymous = await RelatedAsync(app.Browser(), "zh/kms-timeout");
        Assert.Contains("/Knowledge/Articles/zh/kms-log", anonymous);
        Assert.DoesNotContain("/Knowledge/Articles/zh/afc-timeout", anonymous);
        Assert.DoesNotContain("/Knowledge/Articles/zh/scada-timeout", anonymous);
        Assert.DoesNotContain("/Knowledge/Articles/zh/kms-internal", anonymous);
        Assert.DoesNotContain("/Knowledge/Articles/zh/kms-timeout", anonymous);
        Assert.DoesNotContain(anonymous, url => url.Contains("/en/", StringComparison.Ordinal));
        Assert.DoesNotContain("/Knowledge/Articles/zh/kms-internal", await RelatedAsync(customer, "zh/kms-timeout"));

        var forStaff = await RelatedAsync(staff, "zh/kms-timeout");
        Assert.Equal("/Knowledge/Articles/zh/kms-internal", forStaff[0]);
        Assert.Contains("/Knowledge/Articles/zh/kms-log", forStaff);
        Assert.DoesNotContain("/Knowledge/Articles/zh/afc-timeout", forStaff);

        // No other SCADA article: the alike ones of other products fit, the closest first.
        var scada = await RelatedAsync(app.Browser(), "zh/scada-timeout");
        Assert.Contains("/Knowledge/Articles/zh/kms-timeout", scada[..2]);
        Assert.Contains("/Knowledge/Articles/zh/afc-timeout", scada[..2]);
        Assert.DoesNotContain("/Knowledge/Articles/zh/scada-timeout", scada);
        Assert.DoesNotContain("/Knowledge/Articles/zh/kms-internal", scada);
    }

    private static async Task<IReadOnlyList<string>> TitlesAsync(SearchFixture f, string typed, SearchViewer viewer) =>
        [.. (await f.Search.SuggestAsync(typed, viewer, CancellationToken.None)).Select(s => s.Title)];

    private static async Task<(PortalWebApp App, FakeSearchSource Source)> StartAsync(string provider, params SearchDocument[] documents)
    {
        var source = new FakeSearchSource();
        foreach (var d in documents) source.Put(d);
        var noContent = Directory.CreateTempSubdirectory("portal-no-content").FullName;
        var app = await PortalWebApp.StartAsync(provider, (new Dictionary<string, string?> { ["Portal:ContentPath"] = noContent }),
            services: documents.Length == 0 ? null : s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ISearchDocumentSource>(s, source));
        await KnowledgeTestKit.WaitForSearchIndexAsync(app.Browser());
        return (app, source);
    }

    private static async Task<List<string>> RelatedAsync(HttpClient reader, string article)
    {
        var response = await reader.GetAsync("/Knowledge/Articles/" + article);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        return [.. page.QuerySelectorAll("[data-testid=related] a").Select(a => a.GetAttribute("href")!)];
    }

    private static async Task CreateAsync(HttpClient staff, string slug, string title, string body, string products, string visibility, string lang = "zh")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Lang"] = lang, ["Input.Slug"] = slug, ["Input.Type"] = "article", ["Input.Title"] = title, ["Input.Body"] = body,
            ["Input.Category"] = "网关", ["Input.Visibility"] = visibility, ["Input.Tags"] = "网关, 超时", ["Input.Products"] = products,
            ["Input.Versions"] = "", ["Input.RowVersion"] = "0",
        };
        var created = await staff.PostFormAsync("/Knowledge/Manage/Edit?handler=Save", fields, "/Knowledge/Manage/Edit");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = long.Parse(created.Headers.Location!.OriginalString.Split("id=")[1], CultureInfo.InvariantCulture);
        var published = await staff.PostFormAsync($"/Knowledge/Manage/Edit?id={id}&handler=Status&status={ArticleVocabulary.Published}",
            new() { ["Input.RowVersion"] = "1" }, $"/Knowledge/Manage/Edit?id={id}");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
    }

    private static async Task WaitForTotalAsync(HttpClient browser, string query, int total)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await browser.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("total").GetInt32() >= total) return;
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"The index did not reach {total} results for \"{query}\"");
            await Task.Delay(50);
        }
    }
}
