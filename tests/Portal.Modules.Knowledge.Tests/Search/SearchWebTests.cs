using Portal.Modules.Knowledge.Contracts;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;
using Xunit;
using static Portal.Modules.Knowledge.Tests.Search.FakeSearchSource;

namespace Portal.Modules.Knowledge.Tests.Search;

public sealed class SearchWebTests
{
    private const string Password = "correct horse battery";

    private static readonly SearchDocument[] Corpus =
    [
        Doc("install-patch", "如何安装补丁", "下载补丁包后，在维护窗口内停止服务，然后运行安装程序。", category: "patches", products: ["ERP"]),
        Doc("patch-policy", "补丁发布策略", "每月发布一次累积补丁。", type: "faq", category: "patches"),
        Doc("secret-rollback", "补丁回滚内部手册", "内部：补丁回滚步骤。", visibility: "internal", category: "internal-ops"),
        Doc("customer-patch-backup", "补丁前备份", "客户专用：补丁安装前必须备份。", visibility: "customers", category: "backup"),
        Doc("acme-patch", "补丁定制说明", "仅 ACME：定制补丁。", visibility: "customers", category: "acme-custom", organisationId: -1),
        Doc("install-patch", "How to install a patch", "Download the patch and run the installer.", lang: "en", category: "patches"),
    ];

    private static async Task<(PortalWebApp App, FakeSearchSource Source)> StartAsync(string provider, params SearchDocument[] documents)
    {
        var source = new FakeSearchSource();
        foreach (var d in documents) source.Put(d);
        // An empty content folder and no default synonyms: only this test's documents and synonyms count.
        var noContent = Directory.CreateTempSubdirectory("portal-no-content").FullName;
        var app = await PortalWebApp.StartAsync(provider, (new Dictionary<string, string?> { ["Portal:ContentPath"] = noContent }),
            services: s => s.AddSingleton<ISearchDocumentSource>(source));
        await KnowledgeTestKit.RemoveDefaultSynonymsAsync(app);
        await KnowledgeTestKit.WaitForSearchIndexAsync(app.Browser());
        return (app, source);
    }

    private static async Task<JsonElement> ApiAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hidden_articles_never_reach_hits_totals_facets_suggestions_or_the_page(string provider)
    {
        var acmeOnly = Corpus.Single(d => d.Key == "kb:zh:acme-patch");
        var (app, source) = await StartAsync(provider, Corpus);
        await using var _ = app;
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var other = await app.CreateOrganisationAsync("OTHER", "Other");
        source.Put(acmeOnly with { OrganisationId = acme });
        app.Services.GetRequiredService<ISearchIndexer>().Changed(acmeOnly.Key);
        await app.CreateUserAsync("c@acme.test", Password, PortalRoles.Customer, acme);
        await app.CreateUserAsync("c@other.test", Password, PortalRoles.Customer, other);
        await app.CreateUserAsync("s@vendor.test", Password, PortalRoles.Staff);
        await Task.Delay(1000);

        var anonymous = app.Browser();
        var json = await ApiAsync(anonymous, "/api/search?q=补丁");
        Assert.Equal(2, json.GetProperty("total").GetInt32());
        var text = json.ToString();
        foreach (var secret in new[] { "secret-rollback", "customer-patch-backup", "acme-patch", "internal-ops", "backup", "acme-custom", "内部", "备份" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Equal(1, json.GetProperty("facets").GetProperty("type").GetProperty("article").GetInt32());
        Assert.Equal(1, json.GetProperty("facets").GetProperty("type").GetProperty("faq").GetInt32());
        Assert.Equal(0, (await ApiAsync(anonymous, "/api/search?q=回滚")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await ApiAsync(anonymous, "/api/search/suggest?q=补丁回滚")).GetArrayLength());
        var page = await anonymous.GetDocumentAsync("/Knowledge/Search?q=补丁");
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=search-hit]").Length);
        Assert.DoesNotContain("回滚", page.Body!.TextContent, StringComparison.Ordinal);

        var otherCustomer = await app.SignInAsync("c@other.test", Password);
        Assert.Equal(3, (await ApiAsync(otherCustomer, "/api/search?q=补丁")).GetProperty("total").GetInt32());
        Assert.DoesNotContain("acme", (await ApiAsync(otherCustomer, "/api/search?q=补丁")).ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await ApiAsync(otherCustomer, "/api/search/suggest?q=补丁定制")).GetArrayLength());

        var acmeCustomer = await app.SignInAsync("c@acme.test", Password);
        Assert.Equal(4, (await ApiAsync(acmeCustomer, "/api/search?q=补丁")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await ApiAsync(acmeCustomer, "/api/search/suggest?q=补丁定制")).GetArrayLength());

        var staff = await app.SignInAsync("s@vendor.test", Password);
        Assert.Equal(5, (await ApiAsync(staff, "/api/search?q=补丁")).GetProperty("total").GetInt32());
        var staffPage = await staff.GetDocumentAsync("/Knowledge/Search?q=回滚");
        Assert.Single(staffPage.QuerySelectorAll("[data-testid=search-hit]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_change_is_searchable_within_one_second(string provider)
    {
        var (app, source) = await StartAsync(provider, Corpus);
        await using var _ = app;
        var browser = app.Browser();
        var indexer = app.Services.GetRequiredService<ISearchIndexer>();

        source.Put(Doc("gateway", "网关超时排查", "网关超时的排查步骤。"));
        var watch = Stopwatch.StartNew();
        indexer.Changed("kb:zh:gateway");
        await WaitForTotalAsync(browser, "网关超时", total => total > 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Searchable after {watch.ElapsedMilliseconds} ms");

        source.Put(Doc("gateway", "网关超时排查", "网关超时的排查步骤。", visibility: "internal"));
        watch.Restart();
        indexer.Changed("kb:zh:gateway");
        await WaitForTotalAsync(browser, "网关超时", total => total == 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Hidden after {watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_keep_synonyms_and_read_search_insights_under_Manage(string provider)
    {
        var (app, _) = await StartAsync(provider, Corpus);
        await using var __ = app;
        await app.CreateUserAsync("s@vendor.test", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("s@vendor.test", Password);
        const string synonyms = "/Knowledge/Manage/Synonyms";
        Assert.Equal(0, (await ApiAsync(staff, "/api/search?q=hotfix")).GetProperty("total").GetInt32());

        var added = await staff.PostFormAsync(synonyms + "?handler=Add", new() { ["Terms"] = "hotfix, patch" }, synonyms);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(synonyms, added.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Single((await staff.GetDocumentAsync(synonyms)).QuerySelectorAll("[data-testid=synonym-group]"));
        Assert.Equal(1, (await ApiAsync(staff, "/api/search?q=hotfix")).GetProperty("total").GetInt32());

        // One term is no group: the page comes back with the error and nothing is stored.
        var refused = await staff.PostFormAsync(synonyms + "?handler=Add", new() { ["Terms"] = "solo" }, synonyms);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("#new-terms.is-invalid"));
        Assert.Single((await staff.GetDocumentAsync(synonyms)).QuerySelectorAll("[data-testid=synonym-group]"));

        // The searches above reach the insights once the log has been written (in the background).
        var watch = Stopwatch.StartNew();
        while ((await staff.GetDocumentAsync("/Knowledge/Manage/Insights?days=7")).QuerySelector("[data-testid=top-queries]")?.TextContent.Contains("hotfix", StringComparison.Ordinal) != true)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The searches did not reach the insights within 10 s");
            await Task.Delay(100);
        }
    }

    private static async Task WaitForTotalAsync(HttpClient browser, string query, Func<int, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (!done((await ApiAsync(browser, "/api/search?q=" + Uri.EscapeDataString(query))).GetProperty("total").GetInt32()))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"No change for \"{query}\" after 10 s");
            await Task.Delay(20);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ten_thousand_random_and_hostile_queries_cause_no_server_error(string provider)
    {
        var (app, _) = await StartAsync(provider, Corpus);
        await using var __ = app;
        var browser = app.Browser();
        var random = new Random(20261122);
        var queries = Hostile.Concat(Enumerable.Range(0, 10_000 - Hostile.Length).Select(_ => RandomQuery(random))).ToList();
        var failures = new List<string>();
        for (var i = 0; i < queries.Count; i++)
        {
            var q = Uri.EscapeDataString(queries[i]).Replace("%EF%BF%BD", "%ED%A0%80", StringComparison.Ordinal);
            var url = (i % 20) switch
            {
                0 => $"/Knowledge/Search?q={q}&page={random.Next(-5, 200)}&sort=date",
                1 => $"/api/search/suggest?q={q}",
                2 => $"/api/search?q={q}&type={q}&product={q}&lang={q}&page={random.Next(-5, 200)}",
                _ => $"/api/search?q={q}",
            };
            using var response = await browser.GetAsync(url);
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {url}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private static readonly string[] Hostile =
    [
        "\"", "\"\"", "\"\"\"", "a\"b\"c\"", "NEAR(补丁 安装, 2)", "NEAR(\"a\" \"b\")", "title:补丁", "{title body}: x", "- - -", "-补丁",
        "OR", "OR OR OR", "AND", "NOT", "a AND", "NOT a", "(", ")", "((a)", "a) OR (b", "*", "**", "a*b*c", "^补丁", "^", "+a +b",
        "\0", "a\0b", "\uD800", "\uDC00补丁", "补丁\uD800", new string('补', 5000), new string('a', 100_00), string.Join(' ', Enumerable.Repeat("a OR", 400)),
        "rank:1", "docs_fts:x", "'; DROP TABLE docs; --", "\" OR 1=1 --", "%", "_", "\\", "\\\"", "😀", "👨‍👩‍👧", "🚀补丁🚀", "ｆｕｌｌｗｉｄｔｈ",
        "type:", "title:", "type:faq", string.Concat(Enumerable.Repeat("补丁 patch \"(AND*", 160))[..2000], "lang:zh lang:en", "product:'", ":", "::", "a:b:c", "category:\"x", "8.5.2", "self-service", "-8.5.2*", "\t\r\n",
    ];

    private static string RandomQuery(Random random)
    {
        const string pieces = "补丁安装升级服务时间备份恢复 patch install upgrade 8.5.2 self-service \"-*^():{}[]+~NEAR OR AND NOT \0\\'%_😀é";
        var builder = new StringBuilder();
        var length = random.Next(0, 40);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(8) switch
            {
                0 => (char)random.Next(0, 0x3000),
                1 => (char)random.Next(0xD800, 0xE000),
                2 => " OR ",
                3 => "\"",
                _ => pieces[random.Next(pieces.Length)],
            });
        }
        return builder.ToString();
    }
}
