using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;
using Portal.Testing;
using Xunit;
using static Portal.Modules.Knowledge.Tests.Search.ReleaseSearchFixture;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>A release hit on the search page and in /api/search: its own type with product, version and
/// a severity badge, in Chinese and English, linking to the release page.</summary>
public sealed class ReleaseSearchWebTests
{
    private const string Password = "correct horse battery";

    public static TheoryData<string> Providers => [.. TestDatabase.Providers];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_results_page_shows_a_release_with_product_version_and_severity_in_both_languages(string provider)
    {
        var noContent = Directory.CreateTempSubdirectory("portal-no-content").FullName;
        await using var app = await PortalWebApp.StartAsync(provider, (new Dictionary<string, string?> { ["Portal:ContentPath"] = noContent }));
        var browser = app.Browser();
        await KnowledgeTestKit.WaitForSearchIndexAsync(browser);
        long id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ReleaseStore>();
            id = await store.CreateAsync(Patch("8.5.2", "计费服务累积补丁", "Cumulative patch for the billing service",
                "修复了发票导出程序中的内存泄漏问题。", "Fixes a memory leak in the invoice exporter.", isPublic: true), null, null, CancellationToken.None);
            await store.PublishAsync(id, null, notify: false, null, CancellationToken.None);
            var hidden = await store.CreateAsync(Patch("8.6.1", "计费服务安全补丁", "Billing service security hotfix",
                "仅限签约客户。", "Customers only.", isPublic: false, severity: "important"), null, null, CancellationToken.None);
            await store.PublishAsync(hidden, null, notify: false, null, CancellationToken.None);
        }
        await app.CreateUserAsync("s@vendor.test", Password, PortalRoles.Staff);

        var json = await WaitForHitsAsync(browser, "计费服务", 1);
        var hit = json.GetProperty("hits")[0];
        Assert.Equal(("release", "ERP", "8.5.2", "critical", $"/Downloads/Release/{id}"), (hit.GetProperty("type").GetString(),
            hit.GetProperty("product").GetString(), hit.GetProperty("version").GetString(), hit.GetProperty("severity").GetString(), hit.GetProperty("url").GetString()));
        Assert.Equal(1, json.GetProperty("facets").GetProperty("type").GetProperty("release").GetInt32());

        var zh = await browser.GetDocumentAsync("/Knowledge/Search?q=" + Uri.EscapeDataString("计费服务"));
        var zhHit = Assert.Single(zh.QuerySelectorAll("[data-testid=search-hit]"));
        Assert.Equal("版本：8.5.2", zhHit.QuerySelector("[data-testid=release-version]")!.TextContent.Trim());
        Assert.Equal("严重", zhHit.QuerySelector("[data-testid=release-severity]")!.TextContent.Trim());
        Assert.Contains("text-bg-danger", zhHit.QuerySelector("[data-testid=release-severity]")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("ERP", zhHit.QuerySelector("[data-testid=release-product]")!.TextContent.Trim());
        Assert.Contains("版本发布", zh.QuerySelector(".facet[data-facet=type]")!.TextContent, StringComparison.Ordinal);
        var go = await browser.GetAsync(zhHit.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        Assert.Equal($"/Downloads/Release/{id}", go.Headers.Location!.OriginalString);

        var staff = await app.SignInAsync("s@vendor.test", Password);
        Assert.Equal(302, (int)(await staff.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" })).StatusCode);
        var en = await staff.GetDocumentAsync("/Knowledge/Search?q=billing+service");
        var enHits = en.QuerySelectorAll("[data-testid=search-hit]");
        Assert.Equal(2, enHits.Length);
        var important = enHits.Single(h => h.GetAttribute("data-key") != $"rel:en:{id}");
        Assert.Equal("Version: 8.6.1", important.QuerySelector("[data-testid=release-version]")!.TextContent.Trim());
        Assert.Equal("Important", important.QuerySelector("[data-testid=release-severity]")!.TextContent.Trim());
        Assert.Contains("Product releases (2)", en.QuerySelector(".facet[data-facet=type]")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitForHitsAsync(HttpClient browser, string query, int count)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await browser.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (json.GetProperty("total").GetInt32() >= count) return json;
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"\"{query}\" found nothing after 10 s");
            await Task.Delay(50);
        }
    }
}
