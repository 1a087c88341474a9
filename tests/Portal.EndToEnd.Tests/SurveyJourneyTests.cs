using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

public sealed partial class SurveyJourneyTests
{
    private const string Customer = "zhang.wei@hzwater.example";
    private const string Template = "服务请求满意度调查";

    [Fact]
    public async Task A_closed_request_invites_the_customer_who_answers_with_one_low_rating_and_staff_see_it_in_the_charts_and_the_follow_up_in_the_queue()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        var shots = new Screenshots("surveys");

        // The customer reports a problem.
        await DemoAdmin.SignInAsync(page, Customer, portal.DemoPassword(Customer));
        await page.GotoAsync("/Feedback/New");
        await page.Locator("#title").FillAsync("KMS 报表导出中文乱码");
        await page.Locator("#type-problem").CheckAsync();
        await page.Locator("#installation").SelectOptionAsync("KMS|8.5.2");
        await page.Locator("#severity-3").CheckAsync();
        await page.Locator("#description").FillAsync("导出的 CSV 在 Excel 中打开时中文显示为乱码。");
        await page.GetByTestId("submit").ClickAsync();
        var reference = (await page.GetByTestId("reference").InnerTextAsync()).Trim();
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();

        // Staff answer and close it.
        await DemoAdmin.SetUpTwoFactorAsync(page, portal);
        await page.GotoAsync("/Feedback/Manage");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.Locator("#text").FillAsync("导出时请选择“UTF-8 (带 BOM)”编码，Excel 即可正确显示中文。");
        await page.Locator("#status-after").SelectOptionAsync("closed");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已关闭");

        // The customer opens the emailed link on a phone, without signing in, and answers with one low rating.
        var link = await SurveyLinkAsync(portal, reference);
        var phone = await journey.SecondBrowserAsync();
        await phone.GotoAsync(link.PathAndQuery);
        var questions = phone.GetByTestId("survey-form").GetByTestId("question");
        await Expect(questions).ToHaveCountAsync(4);
        await shots.TakeAsync(phone, "phone-survey");
        await questions.Nth(0).Locator("input[value='5']").CheckAsync();
        await questions.Nth(1).Locator("input[value='4']").CheckAsync();
        await questions.Nth(2).Locator("input[value='2']").CheckAsync();
        await questions.Nth(2).Locator("input[name^='Remarks']").FillAsync("工程师回复较慢，语气生硬。");
        // The overall rating by keyboard: focus "很满意 5", then the arrow key moves the choice to "满意 4".
        await questions.Nth(3).Locator("input[value='5']").FocusAsync();
        await phone.Keyboard.PressAsync("Space");
        await phone.Keyboard.PressAsync("ArrowRight");
        await Expect(questions.Nth(3).Locator("input[value='4']")).ToBeCheckedAsync();
        await shots.TakeAsync(phone, "phone-answered");
        await phone.GetByTestId("send-answers").ClickAsync();
        await Expect(phone.GetByTestId("thanks")).ToBeVisibleAsync();
        await shots.TakeAsync(phone, "phone-thanks");
        await phone.GotoAsync(link.PathAndQuery);
        await Expect(phone.GetByTestId("answered")).ToBeVisibleAsync();

        // Staff see the response in the results, chart and table.
        await page.GotoAsync("/Surveys/Manage/Results");
        await page.Locator("#template").SelectOptionAsync(new SelectOptionValue { Label = Template });
        await page.GetByTestId("show").ClickAsync();
        await Expect(page.GetByTestId("responses")).ToHaveTextAsync("1");
        var attitude = page.GetByTestId("ratings").Locator("tbody tr").Nth(2);
        await Expect(attitude.Locator("td[data-score='2']")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("overall")).ToHaveTextAsync("4.00");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => !!window.Chart && !!Chart.getChart(document.querySelector('canvas[data-survey-chart=averages]'))"),
            "The average-per-question chart was not drawn.");
        await shots.TakeAsync(page, "results");

        // The low rating opened a follow-up complaint in the queue, linked to the response.
        var followUp = page.GetByTestId("queue").GetByTestId("row").Filter(new() { HasText = "满意度调查跟进" });
        for (var attempt = 0; attempt < 60 && await followUp.CountAsync() == 0; attempt++)
        {
            await Task.Delay(500);
            await page.GotoAsync("/Feedback/Manage");
        }
        await Expect(followUp).ToHaveCountAsync(1);
        await shots.TakeAsync(page, "follow-up-in-queue");
        await followUp.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByTestId("survey-follow-up")).ToBeVisibleAsync();
        await page.GetByTestId("survey-follow-up").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("response-facts")).ToContainTextAsync(reference);
        await Expect(page.GetByTestId("answer").Nth(2)).ToContainTextAsync("不满意");
        await shots.TakeAsync(page, "response");
        await page.GotoAsync("/Surveys/Manage/FollowUps");
        await shots.TakeAsync(page, "follow-ups");

        Assert.True(problems.Count == 0, "Problems during the journey:\n" + string.Join('\n', problems));
    }

    /// <summary>The survey link emailed to the customer when the request closed (the outbox sends it within moments).</summary>
    private static async Task<Uri> SurveyLinkAsync(PortalServer portal, string reference)
    {
        var folder = Path.Combine(portal.DataPath, "mail");
        for (var attempt = 0; attempt < 300; attempt++)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if ((message.Subject ?? "").Contains(reference, StringComparison.Ordinal) && message.Subject!.StartsWith("满意度调查", StringComparison.Ordinal)
                    && message.To.Mailboxes.Any(m => m.Address == Customer))
                    return new Uri(LinkPattern().Match(message.TextBody ?? "").Value);
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"No survey email for {reference} in {folder}.");
    }

    [GeneratedRegex(@"https?://\S+/Surveys/Answer/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
