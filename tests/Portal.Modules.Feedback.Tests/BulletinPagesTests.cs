using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Feedback.Requests;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The bulletin pages over HTTP: a customer sees their own organisation's month (links only to the
/// requests they may open), staff any organisation's; nothing of another organisation or of internal notes
/// shows; months that are not yyyy-MM or have not ended are 404. And the profile's email choices.</summary>
public sealed class BulletinPagesTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static void AssertForbidden(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || response.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
            $"expected forbidden, got {(int)response.StatusCode} {response.Headers.Location}");

    private static DateOnly ThisMonth => new(FeedbackWebKit.Today.Year, FeedbackWebKit.Today.Month, 1);

    private static string Text(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Moves every request and timeline entry to the 15th of last month, first response missed.</summary>
    private static Task BackdateAsync(FeedbackWebKit kit)
    {
        var at = new DateTimeOffset(ThisMonth.AddMonths(-1).AddDays(14).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
        return kit.Db.WriteAsync(async (c, tx) =>
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE fb_requests SET created_at = @at, updated_at = @at, respond_due_at = @due, next_due_at = @due, first_response_at = NULL",
                new { at, due = at.AddHours(1) }, tx)
            + await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE fb_events SET at = @at", new { at }, tx));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomersSeeTheirOrganisationsMonthStaffAnyAndNobodyAnotherOrganisationsOrInternalNotes(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (acme, first) = await kit.CustomerAsync("ACME");
        var colleague = await kit.ContactAsync(acme, "colleague@acme.example");
        var admin = await kit.ContactAsync(acme, "admin@acme.example", admin: true);
        var (other, stranger) = await kit.CustomerAsync("OTHER");
        var staff = await kit.StaffAsync();
        var mine = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(first, FeedbackWebKit.Problem("KMS-ACME", "Mine-search-down")));
        var theirs = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(colleague, FeedbackWebKit.Problem("KMS-ACME", "Colleague-printer")));
        FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(stranger, FeedbackWebKit.Problem("KMS-OTHER", "OTHER-secret")));
        await using (var scope = kit.App.Services.CreateAsyncScope())
        {
            Assert.Equal(WorkflowOutcome.Done, await scope.ServiceProvider.GetRequiredService<RequestWorkflow>()
                .StaffReplyAsync(mine, 1, new Actor(999, "Engineer", true), "SECRET-NOTE customer is difficult", true, null, [], default));
        }
        await BackdateAsync(kit);
        var month = Text(ThisMonth.AddMonths(-1));

        var page = await first.GetDocumentAsync($"/Feedback/Bulletin/{month}");
        Assert.Equal("ACME Ltd", page.QuerySelector("[data-testid=organisation]")?.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("[data-testid=received]")?.TextContent.Trim());
        Assert.Equal("0 / 2", page.QuerySelector("[data-testid=on-time]")?.TextContent.Trim());
        var html = page.DocumentElement.OuterHtml;
        Assert.Contains("Mine-search-down", html, StringComparison.Ordinal);
        Assert.Contains("Colleague-printer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OTHER-secret", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-NOTE", html, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/Feedback/Request/{mine}']"));
        Assert.Null(page.QuerySelector($"a[href='/Feedback/Request/{theirs}']"));
        Assert.NotNull((await admin.GetDocumentAsync($"/Feedback/Bulletin/{month}")).QuerySelector($"a[href='/Feedback/Request/{theirs}']"));
        var strangers = (await stranger.GetDocumentAsync($"/Feedback/Bulletin/{month}")).DocumentElement.OuterHtml;
        Assert.Contains("OTHER-secret", strangers, StringComparison.Ordinal);
        Assert.DoesNotContain("Mine-search-down", strangers, StringComparison.Ordinal);

        foreach (var bad in new[] { Text(ThisMonth), Text(ThisMonth.AddMonths(1)), "2026-3", "nonsense", "1999-12" })
            Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/Feedback/Bulletin/{bad}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await kit.App.Browser().GetAsync($"/Feedback/Bulletin/{month}")).StatusCode);

        var staffView = await staff.GetAsync($"/Feedback/Manage/Bulletins/{acme}/{month}");
        Assert.Equal(HttpStatusCode.OK, staffView.StatusCode);
        var staffHtml = await staffView.Content.ReadAsStringAsync();
        Assert.Contains("Colleague-printer", staffHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-NOTE", staffHtml, StringComparison.Ordinal);
        Assert.Contains("OTHER-secret", await (await staff.GetAsync($"/Feedback/Manage/Bulletins/{other}/{month}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Feedback/Manage/Bulletins/999999/{month}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Feedback/Manage/Bulletins/{acme}/{Text(ThisMonth)}")).StatusCode);
        AssertForbidden(await stranger.GetAsync($"/Feedback/Manage/Bulletins/{acme}/{month}"));
        AssertForbidden(await first.GetAsync($"/Feedback/Manage/Bulletins/{acme}/{month}"));
        AssertForbidden(await staff.GetAsync($"/Feedback/Bulletin/{month}"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheListShowsTheSentMonthsOfTheOwnOrganisationOnly(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (acme, first) = await kit.CustomerAsync("ACME");
        var (other, _) = await kit.CustomerAsync("OTHER");

        var empty = await first.GetDocumentAsync("/Feedback/Bulletin");
        Assert.NotNull(empty.QuerySelector("[data-testid=empty]"));
        Assert.NotNull(empty.QuerySelector("[data-testid=rule]"));

        // The portal's own bulletin job may have claimed last month already (with nothing to report).
        var month = Text(ThisMonth.AddMonths(-1));
        await kit.ExecuteAsync("""
            INSERT INTO fb_bulletins (organisation_id, month, reported, recipients, received, resolved, still_open, sent_at)
            VALUES (@acme, @month, @True, 1, 2, 1, 1, @Now), (@acme, '2020-01', @False, 0, 0, 0, 0, @Now), (@other, '2020-02', @True, 1, 1, 0, 1, @Now)
            ON CONFLICT (organisation_id, month) DO UPDATE SET reported = excluded.reported, recipients = excluded.recipients
            """, new { acme, other, month, True = true, False = false, Now = DateTimeOffset.UtcNow });

        var list = await first.GetDocumentAsync("/Feedback/Bulletin");
        Assert.Equal([month], list.QuerySelectorAll("[data-testid=bulletins] tbody tr td:first-child a").Select(a => a.TextContent.Trim()));
        Assert.NotNull(list.QuerySelector($"a[href='/Feedback/Bulletin/{month}']"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheProfileSavesTheTwoEmailChoices(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, first) = await kit.CustomerAsync("ACME");
        var before = await first.GetDocumentAsync("/Account/Profile");
        Assert.True(before.QuerySelector("input[name='Input.RequestEmails'][type=checkbox]")!.HasAttribute("checked"));
        Assert.True(before.QuerySelector("input[name='Input.MonthlyBulletin'][type=checkbox]")!.HasAttribute("checked"));

        var saved = await first.PostFormAsync("/Account/Profile", new()
        {
            ["Input.DisplayName"] = "Zhang", ["Input.PhoneNumber"] = "", ["Input.Language"] = "zh-CN",
            ["Input.RequestEmails"] = "false", ["Input.MonthlyBulletin"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.False(await kit.ScalarAsync<bool>("SELECT email_requests FROM acc_users WHERE email = 'acme@customer.example'"));
        Assert.True(await kit.ScalarAsync<bool>("SELECT email_bulletin FROM acc_users WHERE email = 'acme@customer.example'"));
        var after = await first.GetDocumentAsync("/Account/Profile");
        Assert.False(after.QuerySelector("input[name='Input.RequestEmails'][type=checkbox]")!.HasAttribute("checked"));
        Assert.True(after.QuerySelector("input[name='Input.MonthlyBulletin'][type=checkbox]")!.HasAttribute("checked"));
    }
}
