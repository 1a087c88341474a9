using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Invitations;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

public sealed partial class ReminderTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoRemindersGoOutAfterThreeAndSevenDaysWithTheSameLinkAndNoMore(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kit = await SurveysWebKit.StartAsync(provider, clock);
        await kit.ImportShippedAsync();
        await InviteAsync(kit, null, "someone@customer.example");
        var link = LinkIn(Assert.Single(await EmailsAsync(kit, "surveys.invitation")));

        await At(kit, clock, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        Assert.Empty(await EmailsAsync(kit, "surveys.reminder"));
        await At(kit, clock, TimeSpan.FromDays(3));
        var first = Assert.Single(await EmailsAsync(kit, "surveys.reminder"));
        Assert.Equal(link, LinkIn(first));
        Assert.Contains("surveys.reminder", first, StringComparison.Ordinal);
        await At(kit, clock, TimeSpan.FromDays(6));
        await SweepAsync(kit);
        Assert.Single(await EmailsAsync(kit, "surveys.reminder"));
        await At(kit, clock, TimeSpan.FromDays(7));
        Assert.Equal(2, (await EmailsAsync(kit, "surveys.reminder")).Count);
        await At(kit, clock, TimeSpan.FromDays(14));
        await At(kit, clock, TimeSpan.FromDays(29));
        Assert.Equal(2, (await EmailsAsync(kit, "surveys.reminder")).Count);
        Assert.Equal(2, await kit.ScalarAsync<long>("SELECT reminders_sent FROM sv_invitations"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NoReminderGoesOutAfterAnAnswerOrTheExpiry(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kit = await SurveysWebKit.StartAsync(provider, clock, new Dictionary<string, string?> { ["Surveys:InvitationDays"] = "5" });
        await kit.ImportShippedAsync();
        var answered = await InviteAsync(kit, null, "answered@customer.example", subjectId: 1);
        await InviteAsync(kit, null, "expired@customer.example", subjectId: 2);
        await kit.Db.WriteAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE sv_invitations SET answered_at = @now WHERE id = @answered",
            new { now = clock.GetUtcNow().AddDays(1), answered }, tx));

        await At(kit, clock, TimeSpan.FromDays(3));
        var reminded = Assert.Single(await EmailsAsync(kit, "surveys.reminder"));
        Assert.Contains("expired@customer.example", reminded, StringComparison.Ordinal);
        await At(kit, clock, TimeSpan.FromDays(7));
        await At(kit, clock, TimeSpan.FromDays(10));
        Assert.Single(await EmailsAsync(kit, "surveys.reminder"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SomeoneWhoTurnedSurveyEmailsOffGetsTheInvitationButNeitherItsEmailNorReminders(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kit = await SurveysWebKit.StartAsync(provider, clock);
        await kit.ImportShippedAsync();
        var organisation = await kit.App.CreateOrganisationAsync("ACME", "ACME Ltd");
        var quiet = await kit.App.CreateUserAsync("quiet@customer.example", SurveysWebKit.Password, PortalRoles.Customer, organisation);
        var keen = await kit.App.CreateUserAsync("keen@customer.example", SurveysWebKit.Password, PortalRoles.Customer, organisation);
        var browser = await kit.App.SignInAsync("quiet@customer.example", SurveysWebKit.Password);
        var saved = await browser.PostFormAsync("/Account/Profile", new()
        {
            ["Input.DisplayName"] = "Quiet", ["Input.Language"] = "zh-CN", ["Input.RequestEmails"] = "true", ["Input.MonthlyBulletin"] = "true",
            ["Input.SurveyEmails"] = "false",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        var profile = await SurveysWebKit.PageAsync(browser, "/Account/Profile");
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)profile.QuerySelector("[data-testid=email-surveys]")!).IsChecked);

        await InviteAsync(kit, quiet.Id, "quiet@customer.example");
        await InviteAsync(kit, keen.Id, "keen@customer.example");
        Assert.Equal(2, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations"));
        Assert.DoesNotContain(await EmailsAsync(kit, "surveys.invitation"), e => e.Contains("quiet@", StringComparison.Ordinal));
        Assert.Single(await EmailsAsync(kit, "surveys.invitation"));

        await At(kit, clock, TimeSpan.FromDays(3));
        await At(kit, clock, TimeSpan.FromDays(7));
        var reminders = await EmailsAsync(kit, "surveys.reminder");
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Contains("keen@customer.example", r, StringComparison.Ordinal));
    }

    /// <summary>Moves the clock to <paramref name="sinceStart"/> after the kit's start and runs the reminder sweep.</summary>
    private static async Task At(SurveysWebKit kit, FakeTimeProvider clock, TimeSpan sinceStart)
    {
        var target = (await kit.QueryAsync<DateTimeOffset>("SELECT created_at FROM sv_invitations ORDER BY id LIMIT 1"))[0] + sinceStart;
        if (target > clock.GetUtcNow()) clock.SetUtcNow(target);
        await SweepAsync(kit);
    }

    private static async Task SweepAsync(SurveysWebKit kit)
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        foreach (var sweep in scope.ServiceProvider.GetServices<ISweep>().Where(s => s.Name == "surveys.reminders")) await sweep.RunAsync(default);
    }

    private static async Task<long> InviteAsync(SurveysWebKit kit, long? userId, string email, long subjectId = 7)
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<InvitationStore>().InviteAsync(new NewInvitation(SurveySubject.Request, subjectId,
            $"FB-2026-{subjectId:0000}", $"服务请求 FB-2026-{subjectId:0000}", $"Service request FB-2026-{subjectId:0000}", userId, 1, email, "zh-CN"), default);
        return id!.Value;
    }

    private static Task<List<string>> EmailsAsync(SurveysWebKit kit, string template) =>
        kit.QueryAsync<string>("SELECT payload FROM outbox WHERE dedup_key LIKE @prefix ORDER BY id", new { prefix = template + ":%" });

    private static string LinkIn(string email) => LinkPattern().Match(email).Value;

    [GeneratedRegex("/Surveys/Answer/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
