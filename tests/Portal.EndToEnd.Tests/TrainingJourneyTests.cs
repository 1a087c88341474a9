using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using MimeKit;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

public sealed partial class TrainingJourneyTests
{
    private const string Staff = "support@portal.example";
    private const string First = "zhang.wei@hzwater.example";
    private const string Second = "wang.fang@ncmetro.example";
    private const string Course = "KMS 系统管理员基础培训";

    [Fact]
    public async Task A_customer_enrolls_for_free_a_second_waits_takes_the_seat_when_the_first_cancels_attends_and_gets_a_certificate_anyone_can_verify()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        var shots = new Screenshots("training");
        var zone = portal.Services.GetRequiredService<IOptions<PortalOptions>>().Value.VendorTimeZone;
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date;
        var starts = today.AddDays(10).AddHours(9);

        // Staff plan a session with a single seat.
        var staffKey = await DemoAdmin.SetUpTwoFactorAsync(page, portal, Staff);
        await page.GotoAsync("/Training/Manage/Sessions/Edit");
        await page.Locator("#Input_CourseId").SelectOptionAsync(new SelectOptionValue { Label = $"KMS-ADMIN-BASIC · {Course}" });
        await page.Locator("#Input_Starts").FillAsync(Local(starts));
        await page.Locator("#Input_Ends").FillAsync(Local(starts.AddHours(8)));
        await page.Locator("#Input_EnrollUntil").FillAsync(Local(starts.AddDays(-2)));
        await page.Locator("#Input_Place").FillAsync("杭州培训中心 3 楼");
        await page.Locator("#Input_Instructor").FillAsync("李老师");
        await page.Locator("#Input_Capacity").FillAsync("1");
        await shots.TakeAsync(page, "staff-plans-session");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page).ToHaveURLAsync(EditUrl());
        var sessionId = long.Parse(EditUrl().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("status")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("flash")).ToHaveCountAsync(1);
        await shots.TakeAsync(page, "session-saved");
        await SignOutAsync(page);

        // The first customer finds it in the month calendar and enrolls, using a free training.
        await DemoAdmin.SignInAsync(page, First, portal.DemoPassword(First));
        await page.GotoAsync("/Training");
        if (starts.Month != today.Month) await page.GetByTestId("next-month").ClickAsync();
        var inCalendar = page.GetByTestId("month-grid").Locator($"a[href='/Training/Session/{sessionId}']");
        await Expect(inCalendar).ToContainTextAsync(Course);
        await shots.TakeAsync(page, "calendar");
        await inCalendar.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(Course);
        await Expect(page.GetByTestId("seats-left")).ToHaveTextAsync("1 / 1");
        await shots.TakeAsync(page, "session");
        await page.GetByTestId("enroll").ClickAsync();
        await Expect(page.GetByTestId("billing")).ToHaveAttributeAsync("data-free", "true");
        await Expect(page.GetByTestId("billing")).ToContainTextAsync("免费");
        await shots.TakeAsync(page, "enroll-free");
        await page.GetByTestId("confirm").ClickAsync();
        await page.GotoAsync("/Training/Mine");
        await Expect(MyRow(page)).ToHaveAttributeAsync("data-state", "enrolled");
        await Expect(MyRow(page)).ToHaveAttributeAsync("data-billing", "free");
        await shots.TakeAsync(page, "first-enrolled");
        await SignOutAsync(page);

        // A customer of another organisation lands on the waitlist.
        await DemoAdmin.SignInAsync(page, Second, portal.DemoPassword(Second));
        await page.GotoAsync("/Training?view=list");
        await page.GetByTestId("upcoming").Locator($"a[href='/Training/Session/{sessionId}']").ClickAsync();
        await Expect(page.GetByTestId("seats-left")).ToHaveTextAsync("0 / 1");
        await page.GetByTestId("enroll").ClickAsync();
        await Expect(page.GetByTestId("full")).ToContainTextAsync("候补名单");
        await Expect(page.GetByTestId("confirm")).ToHaveTextAsync("加入候补名单");
        await shots.TakeAsync(page, "enroll-full");
        await page.GetByTestId("confirm").ClickAsync();
        await page.GotoAsync("/Training/Mine");
        await Expect(MyRow(page)).ToHaveAttributeAsync("data-state", "waitlisted");
        await Expect(MyRow(page).GetByTestId("place")).ToContainTextAsync("1");
        await shots.TakeAsync(page, "second-waitlisted");
        await SignOutAsync(page);

        // The first cancels; the second is promoted and told by email, with the invitation attached.
        await DemoAdmin.SignInAsync(page, First, portal.DemoPassword(First));
        await page.GotoAsync("/Training/Mine");
        await MyRow(page).GetByRole(AriaRole.Link, new() { Name = "取消" }).ClickAsync();
        await Expect(page.GetByTestId("confirm-cancel")).ToContainTextAsync(Course);
        await shots.TakeAsync(page, "confirm-cancel");
        await page.GetByTestId("cancel-confirm").ClickAsync();
        await Expect(MyRow(page)).ToHaveAttributeAsync("data-state", "cancelled");
        await shots.TakeAsync(page, "first-cancelled");
        await SignOutAsync(page);

        var invitation = await PromotedEmailAsync(portal);
        Assert.Contains("您已获得名额", invitation.Subject, StringComparison.Ordinal);
        var ics = invitation.Attachments.OfType<MimePart>().Single(a => a.FileName?.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) == true);
        using var icsText = new MemoryStream();
        await ics.Content!.DecodeToAsync(icsText);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(icsText.ToArray()))!;
        Assert.StartsWith($"tr-session-{sessionId}-", calendar.Events.Single().Uid, StringComparison.Ordinal);

        await DemoAdmin.SignInAsync(page, Second, portal.DemoPassword(Second));
        await page.GotoAsync("/Training/Mine");
        await Expect(MyRow(page)).ToHaveAttributeAsync("data-state", "enrolled");
        await shots.TakeAsync(page, "second-promoted");
        await SignOutAsync(page);

        // The session takes place; staff record attendance and a certificate is issued.
        await LetTheSessionPassAsync(portal, sessionId);
        await DemoAdmin.SignInWithCodeAsync(page, portal, Staff, staffKey);
        await page.GotoAsync($"/Training/Manage/Sessions/Edit/{sessionId}");
        await page.GetByTestId("attendance-link").ClickAsync();
        var trainee = page.GetByTestId("roster").Locator("tr[data-enrollment]", new() { HasText = Second });
        await trainee.Locator("input[value=attended]").CheckAsync();
        await shots.TakeAsync(page, "attendance");
        await page.GetByTestId("save-attendance").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToHaveCountAsync(1);
        await Expect(trainee).ToHaveAttributeAsync("data-attendance", "attended");
        await Expect(trainee).ToContainTextAsync(CertificatePattern());
        var number = CertificatePattern().Match(await trainee.InnerTextAsync()).Value;
        await shots.TakeAsync(page, "attendance-saved");
        await SignOutAsync(page);

        // The trainee downloads the certificate; anyone can verify it.
        await DemoAdmin.SignInAsync(page, Second, portal.DemoPassword(Second));
        await page.GotoAsync("/Training/Mine");
        var certificate = page.GetByTestId("certificates").Locator($"tr[data-certificate='{number}']");
        await Expect(certificate).ToHaveAttributeAsync("data-status", "valid");
        await Expect(MyRow(page)).ToHaveAttributeAsync("data-attendance", "attended");
        await Expect(MyRow(page)).ToContainTextAsync("已出勤");
        await shots.TakeAsync(page, "certificate-listed");
        var href = await certificate.GetByTestId("download").GetAttributeAsync("href");
        var pdf = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.BodyAsync())[..4]);
        await SignOutAsync(page);

        await page.GotoAsync($"/Training/Certificate/Verify/{number}");
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-status", "valid");
        await Expect(page.GetByTestId("name")).ToHaveTextAsync("王芳");
        await shots.TakeAsync(page, "verified-anonymously");

        Assert.True(problems.Count == 0, "Problems during the journey:\n" + string.Join('\n', problems));
    }

    private static ILocator MyRow(IPage page) =>
        page.GetByTestId("enrollments").Locator("tr[data-enrollment]", new() { HasText = Course });

    private static string Local(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in-link")).ToBeVisibleAsync();
    }

    /// <summary>Eleven days later: the session moves back to yesterday, as if it had taken place.</summary>
    private static async Task LetTheSessionPassAsync(PortalServer portal, long sessionId)
    {
        var db = portal.Services.GetRequiredService<IDb>();
        var starts = DateTimeOffset.UtcNow.AddDays(-1);
        await db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE tr_sessions SET starts_at = @starts, ends_at = @ends, enroll_until = @until WHERE id = @sessionId",
            new { starts, ends = starts.AddHours(8), until = starts.AddDays(-2), sessionId }, tx));
    }

    /// <summary>The email telling the second customer she has the seat (the outbox sends it within moments).</summary>
    private static async Task<MimeMessage> PromotedEmailAsync(PortalServer portal)
    {
        var folder = Path.Combine(portal.DataPath, "mail");
        for (var attempt = 0; attempt < 300; attempt++)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == Second) && (message.Subject ?? "").Contains(Course, StringComparison.Ordinal)
                    && message.Subject!.StartsWith("您已获得名额", StringComparison.Ordinal))
                    return message;
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"No promotion email for {Second} in {folder}.");
    }

    [GeneratedRegex(@"/Training/Manage/Sessions/Edit/(\d+)$")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"TC-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")]
    private static partial Regex CertificatePattern();
}
