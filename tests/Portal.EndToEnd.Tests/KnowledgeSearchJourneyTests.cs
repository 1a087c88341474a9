using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Modules.Core.Data;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

public sealed partial class KnowledgeSearchJourneyTests
{
    private const string Customer = "zhang.wei@hzwater.example";
    private const string Staff = "support@portal.example";
    private const string BackupZh = "/Knowledge/Articles/zh/kms-backup-restore";

    [Fact]
    public async Task A_customer_finds_an_article_from_the_header_box_and_votes_and_staff_edits_are_found_at_once()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        var shots = new Screenshots("knowledge-search");
        await WaitForSearchIndexAsync(page);

        // A customer types Chinese words into the header's search box: titles are suggested.
        await DemoAdmin.SignInAsync(page, Customer, portal.DemoPassword(Customer));
        await page.GotoAsync("/");
        var header = page.GetByTestId("site-search");
        var box = header.GetByRole(AriaRole.Combobox, new() { Name = "搜索知识库" });
        await box.PressSequentiallyAsync("数据备份");
        var suggestions = header.GetByRole(AriaRole.Listbox);
        await Expect(suggestions).ToBeVisibleAsync();
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        var options = suggestions.GetByRole(AriaRole.Option);
        await Expect(options.Filter(new() { HasText = "KMS 数据备份与恢复" })).ToHaveCountAsync(1);
        await shots.TakeAsync(page, "suggestions-zh", fullPage: false);

        // Arrow keys move through the options; Escape closes the list; Enter then searches.
        await box.PressAsync("ArrowDown");
        await Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(box).ToHaveAttributeAsync("aria-activedescendant", (await options.First.GetAttributeAsync("id"))!);
        await box.PressAsync("Escape");
        await Expect(suggestions).ToBeHiddenAsync();
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "false");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(SearchUrl());
        var hits = page.GetByTestId("search-hit");
        await Expect(hits.GetByRole(AriaRole.Link, new() { Name = "KMS 数据备份与恢复", Exact = true })).ToHaveCountAsync(1);
        await shots.TakeAsync(page, "results-zh");

        // Choosing a suggestion with the keyboard opens the article.
        box = page.GetByTestId("site-search").GetByRole(AriaRole.Combobox);
        await box.FillAsync("KMS 数据备份");
        var backup = page.GetByTestId("site-search").GetByRole(AriaRole.Option, new() { Name = "KMS 数据备份与恢复", Exact = true });
        await Expect(backup).ToBeVisibleAsync();
        var index = await page.GetByTestId("site-search").GetByRole(AriaRole.Option).EvaluateAllAsync<int>(
            "(all) => all.findIndex(o => o.textContent === 'KMS 数据备份与恢复')");
        for (var i = 0; i <= index; i++) await box.PressAsync("ArrowDown");
        await Expect(backup).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(BackupZh) + "$"));
        await Expect(page.GetByTestId("article").Locator("h1")).ToHaveTextAsync("KMS 数据备份与恢复");

        // The customer votes "helpful" with a comment; the vote is stored.
        await page.Locator("#Vote_Comment").FillAsync("步骤很清楚，谢谢");
        await page.GetByTestId("vote-yes").ClickAsync();
        await Expect(page.GetByTestId("voted")).ToBeVisibleAsync();
        await shots.TakeAsync(page, "voted");
        Assert.Equal((1L, "步骤很清楚，谢谢"), await VoteAsync(portal, "zh", "kms-backup-restore"));

        // The same box in English.
        await page.GetByTestId("switch-language").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        box = page.GetByTestId("site-search").GetByRole(AriaRole.Combobox, new() { Name = "Search the knowledge base" });
        await box.PressSequentiallyAsync("backup");
        await Expect(page.GetByTestId("site-search").GetByRole(AriaRole.Option, new() { Name = "KMS backup and restore", Exact = true })).ToBeVisibleAsync();
        await shots.TakeAsync(page, "suggestions-en", fullPage: false);
        await page.GetByTestId("site-search-submit").ClickAsync();
        await Expect(hits.GetByRole(AriaRole.Link, new() { Name = "KMS backup and restore", Exact = true })).ToHaveCountAsync(1);
        await shots.TakeAsync(page, "results-en");
        await page.GetByTestId("switch-language").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await SignOutAsync(page);

        // Staff take the article back to draft, change its title and text, and publish it again.
        await DemoAdmin.SetUpTwoFactorAsync(page, portal, Staff);
        await page.GotoAsync("/Knowledge/Manage?q=kms-backup-restore&lang=zh");
        await page.GetByTestId("articles").GetByRole(AriaRole.Link, new() { Name = "KMS 数据备份与恢复" }).ClickAsync();
        await page.GetByTestId("status-draft").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("草稿");
        await page.Locator("#Input_Title").FillAsync("KMS 数据备份、恢复与异地容灾");
        var body = await page.Locator("#Input_Body").InputValueAsync();
        await page.Locator("#Input_Body").FillAsync(body + "\n\n## 异地容灾\n\n把每日备份同步到异地机房的备用服务器，每半年做一次切换演习。");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("异地容灾");
        await page.GetByTestId("status-published").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已发布");

        // A search for the new words finds it at once (the index catches up within a bounded wait).
        var found = await SearchUntilFoundAsync(page, "异地容灾", "KMS 数据备份、恢复与异地容灾", TimeSpan.FromSeconds(5));
        Assert.True(found, "The edited article was not found by its new words within 5 seconds.");
        await shots.TakeAsync(page, "staff-search-new-words");

        Assert.True(problems.Count == 0, "Problems during the journey:\n" + string.Join('\n', problems));
    }

    /// <summary>The index is built in the background at start; wait (bounded) until it answers.</summary>
    private static async Task WaitForSearchIndexAsync(IPage page)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await page.APIRequest.GetAsync("/api/search?q=" + Uri.EscapeDataString("密码"));
            using var json = JsonDocument.Parse(await response.TextAsync());
            if (json.RootElement.GetProperty("ready").GetBoolean() && json.RootElement.GetProperty("total").GetInt32() > 0) return;
            Assert.True(DateTime.UtcNow < deadline, "The search index was not ready within 60 seconds.");
            await Task.Delay(200);
        }
    }

    /// <summary>Searches from the header box, again every 250 ms, until a result has the title or
    /// the time is up.</summary>
    private static async Task<bool> SearchUntilFoundAsync(IPage page, string words, string title, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var box = page.GetByTestId("site-search").GetByRole(AriaRole.Combobox);
            await box.FillAsync(words);
            await page.GetByTestId("site-search-submit").ClickAsync();
            await page.WaitForURLAsync(SearchUrl());
            if (await page.GetByTestId("search-hit").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).CountAsync() > 0) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(250);
        }
    }

    private static async Task<(long Helpful, string? Comment)> VoteAsync(PortalServer portal, string lang, string slug)
    {
        var db = portal.Services.GetRequiredService<IDb>();
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<(long, string?)>(
            "SELECT v.helpful, v.comment FROM kb_votes v JOIN kb_articles a ON a.id = v.article_id WHERE a.lang = @lang AND a.slug = @slug",
            new { lang, slug })).ToList();
        return Assert.Single(rows);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in-link")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/Knowledge/Search\?q=")]
    private static partial Regex SearchUrl();
}
