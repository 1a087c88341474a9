using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

public sealed class DownloadJourneyTests
{
    private const string Staff = "support@portal.example";
    private const string Covered = "liu.yang@szpower.example";   // KMS 8.5.1 installed, service period running
    private const string Expired = "zhao.min@bjhosp.example";    // KMS 7.2.0 installed, service period ended
    private const string FileName = "KMS 8.5.3 紧急补丁.zip";

    [Fact]
    public async Task Staff_publish_a_patch_a_covered_customer_finds_and_downloads_it_an_expired_one_is_told_why_not()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        var shots = new Screenshots("downloads");
        var bytes = new byte[200_000];
        new Random(7).NextBytes(bytes);

        await DemoAdmin.SetUpTwoFactorAsync(page, portal, Staff);
        await page.GotoAsync("/Downloads/Manage/Edit");
        await page.Locator("#Input_ProductCode").SelectOptionAsync("KMS");
        await page.Locator("#Input_Version").FillAsync("8.5.3");
        await page.Locator("#Input_Kind").SelectOptionAsync("patch");
        await page.Locator("#Input_Severity").SelectOptionAsync("critical");
        await page.Locator("#Input_AppliesTo").FillAsync(">=8.5.0 <8.5.3");
        await page.Locator("#Input_TitleZh").FillAsync("KMS 8.5.3 紧急补丁");
        await page.Locator("#Input_TitleEn").FillAsync("KMS 8.5.3 hotfix");
        await page.Locator("#Input_NotesZh").FillAsync("修复**登录**问题。");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Downloads/Manage/Edit/\d+"));
        var id = Regex.Match(page.Url, @"/Edit/(\d+)").Groups[1].Value;
        await page.GetByTestId("upload").ClickAsync();
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = FileName, MimeType = "application/zip", Buffer = bytes });
        await shots.TakeAsync(page, "staff-upload");
        await page.GetByTestId("upload-submit").ClickAsync();
        await Expect(page.GetByTestId("files")).ToContainTextAsync(FileName);
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已发布");
        await shots.TakeAsync(page, "staff-published");
        await SignOutAsync(page);

        await DemoAdmin.SignInAsync(page, Covered, portal.DemoPassword(Covered));
        await page.GotoAsync("/Downloads/Updates");
        var first = page.Locator("[data-testid=installation][data-product=KMS] [data-testid=update]").First;
        await Expect(first).ToHaveAttributeAsync("data-release", id);
        await shots.TakeAsync(page, "customer-updates");
        await first.Locator("a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("KMS 8.5.3 紧急补丁");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());
        Assert.Equal(FileName, download.SuggestedFilename);
        Assert.Equal(bytes, await File.ReadAllBytesAsync((await download.PathAsync())!));
        await SignOutAsync(page);

        await DemoAdmin.SignInAsync(page, Expired, portal.DemoPassword(Expired));
        await page.GotoAsync($"/Downloads/Release/{id}");
        await page.GetByTestId("download").ClickAsync();
        await Expect(page.GetByTestId("refusal")).ToHaveAttributeAsync("data-reason", "Expired");
        await Expect(page.GetByTestId("refusal")).ToContainTextAsync("结束");
        await Expect(page.GetByTestId("renew")).ToBeVisibleAsync();
        await shots.TakeAsync(page, "expired-refused");

        // The refusal is a 403 on purpose, and Chromium reports a navigation that became a download as
        // aborted; anything else is a problem.
        var unexpected = problems.Where(p => p != $"request failed: {download.Url} net::ERR_ABORTED")
            .Where(p => !(p.StartsWith("403 ", StringComparison.Ordinal) && p.Contains("/Downloads/File/", StringComparison.Ordinal))
            && !(p.StartsWith("console:", StringComparison.Ordinal) && p.Contains("status of 403", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "Problems during the journey:\n" + string.Join('\n', unexpected));
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in-link")).ToBeVisibleAsync();
    }
}
