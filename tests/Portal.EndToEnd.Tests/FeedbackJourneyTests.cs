using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

public sealed partial class FeedbackJourneyTests
{
    private const string Customer = "zhang.wei@hzwater.example";
    private const string Staff = "support@portal.example";
    private const string Screenshot = "登录失败截图.png";

    [Fact]
    public async Task A_customer_sees_a_suggested_article_reports_a_problem_staff_propose_a_solution_it_closes_itself_and_the_customer_reopens_it()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        var shots = new Screenshots("feedback");

        await DemoAdmin.SignInAsync(page, Customer, portal.DemoPassword(Customer));
        await page.GotoAsync("/Feedback/New");
        await page.Locator("#title").PressSequentiallyAsync("KMS 搜索很慢");
        await Expect(page.GetByTestId("suggestion").First).ToContainTextAsync("KMS 搜索很慢的排查方法");
        await shots.TakeAsync(page, "suggested-article");

        await page.Locator("#type-problem").CheckAsync();
        await page.Locator("#installation").SelectOptionAsync("KMS|8.5.2");
        await page.Locator("#severity-2").CheckAsync();
        await page.Locator("#description").FillAsync("从今天上午 9 点起，知识库搜索每次都要 30 秒以上，**全体用户**受影响。");
        await page.Locator("#phone").FillAsync("0571-8888 6666");
        await page.Locator("#attachments").SetInputFilesAsync(new FilePayload { Name = Screenshot, MimeType = "image/png", Buffer = Png });
        await shots.TakeAsync(page, "filled-in");
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(RequestUrl());
        var reference = (await page.GetByTestId("reference").InnerTextAsync()).Trim();
        Assert.Matches(ReferencePattern(), reference);
        await Expect(page.GetByTestId("attachments")).ToContainTextAsync(Screenshot);
        await shots.TakeAsync(page, "submitted");
        await SignOutAsync(page);

        await DemoAdmin.SetUpTwoFactorAsync(page, portal, Staff);
        await page.GotoAsync("/Feedback/Manage");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.GetByTestId("organisation")).ToContainTextAsync("杭州市水务集团");
        await page.Locator("#text").FillAsync("请在管理控制台执行“重建索引”，完成后搜索即可恢复正常。");
        await page.Locator("#status-after").SelectOptionAsync("proposed");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已提供解决方案");
        await shots.TakeAsync(page, "staff-proposed");
        await SignOutAsync(page);

        await LetAMonthPassAsync(portal, reference);
        var link = await AutoClosedEmailLinkAsync(portal, reference);

        await page.GotoAsync(link.PathAndQuery);
        await page.Locator("#Input_Email").FillAsync(Customer);
        await page.Locator("#Input_Password").FillAsync(portal.DemoPassword(Customer));
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(RequestUrl());
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已关闭");
        await shots.TakeAsync(page, "auto-closed");
        await page.GetByTestId("reopen").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已重新打开");
        await shots.TakeAsync(page, "reopened");

        Assert.True(problems.Count == 0, "Problems during the journey:\n" + string.Join('\n', problems));
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in-link")).ToBeVisibleAsync();
    }

    /// <summary>A month without an answer: the solution's date moves back 32 days, then the auto-close sweep runs as its timer would.</summary>
    private static async Task LetAMonthPassAsync(PortalServer portal, string reference)
    {
        var db = portal.Services.GetRequiredService<IDb>();
        await db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE fb_requests SET proposed_at = @at WHERE reference = @reference",
            new { at = DateTimeOffset.UtcNow.AddDays(-32), reference }, tx));
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<ISweep>().Single(s => s.Name == "feedback.auto-close").RunAsync(default);
    }

    /// <summary>The link in the auto-close email the customer received (the outbox sends it within moments).</summary>
    private static async Task<Uri> AutoClosedEmailLinkAsync(PortalServer portal, string reference)
    {
        var folder = Path.Combine(portal.DataPath, "mail");
        for (var attempt = 0; attempt < 300; attempt++)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.Subject == $"{reference} 已关闭" && message.To.Mailboxes.Any(m => m.Address == Customer))
                    return new Uri(LinkPattern().Match(message.TextBody ?? "").Value);
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"No auto-close email for {reference} in {folder}.");
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [GeneratedRegex(@"/Feedback/Request/\d+$")]
    private static partial Regex RequestUrl();

    [GeneratedRegex(@"^FB-\d{4}-\d{6}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"https?://\S+/Feedback/Request/\d+")]
    private static partial Regex LinkPattern();
}
