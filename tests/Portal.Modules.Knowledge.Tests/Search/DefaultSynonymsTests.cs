using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Knowledge.Contracts;
using Portal.Testing;
using Xunit;
using static Portal.Modules.Knowledge.Tests.Search.FakeSearchSource;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>A fresh install ships synonym and misspelling groups for the support vocabulary: the
/// common misspelling 登陆 finds 登录 articles, hotfix finds patch articles, alone or inside a longer word.</summary>
public sealed class DefaultSynonymsTests
{
    public static TheoryData<string> Providers => new(TestDatabase.Providers);

    private static readonly SearchDocument[] Corpus =
    [
        Doc("sign-in-fails", "系统登录失败的排查", "输入账号和密码后提示错误时，先确认大小写。"),
        Doc("export-report", "导出报表", "在报表中心选择导出。"),
        Doc("apply-a-patch", "Applying a patch", "Stop the service, run the patch installer and start the service again.", lang: "en"),
        Doc("export-report", "Exporting a report", "Choose export in the report centre.", lang: "en"),
    ];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Misspellings_and_synonyms_find_their_articles_on_a_fresh_install(string provider)
    {
        var source = new FakeSearchSource();
        foreach (var d in Corpus) source.Put(d);
        var noContent = Directory.CreateTempSubdirectory("portal-no-content").FullName;
        await using var app = await PortalWebApp.StartAsync(provider,
            new Dictionary<string, string?> { ["Portal:ContentPath"] = noContent },
            services: s => s.AddSingleton<ISearchDocumentSource>(source));
        var browser = app.Browser();
        await KnowledgeTestKit.WaitForSearchIndexAsync(browser);

        Assert.Equal(["sign-in-fails"], await SlugsAsync(browser, "登陆", "zh"));
        Assert.Equal(["sign-in-fails"], await SlugsAsync(browser, "登陆失败", "zh"));
        Assert.Equal(["sign-in-fails"], await SlugsAsync(browser, "帐号 口令", "zh"));
        Assert.Equal(["apply-a-patch"], await SlugsAsync(browser, "hotfix", "en"));
    }

    private static async Task<List<string>> SlugsAsync(HttpClient browser, string query, string lang)
    {
        using var response = await browser.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&lang={lang}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("slug").GetString()!).ToList();
    }
}
