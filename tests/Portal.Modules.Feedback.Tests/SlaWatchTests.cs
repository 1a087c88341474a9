using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Sla;
using Portal.Modules.Feedback.Team;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The SLA watch sweep with a fake clock (clock hours: 8 h to respond, 48 h to resolve): warnings
/// at 75% and at breach to the assignee and the tier's leads, once per due time; automatic escalation at
/// 80% of the resolution target; and what the workflow records for the compliance dashboard.</summary>
public sealed class SlaWatchTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly Actor Customer = new(1, "Customer", false);

    private sealed record Setup(WorkflowKit Kit, long Organisation, Actor Engineer) : IAsyncDisposable
    {
        public ServiceProvider Services => Kit.Services;
        public FakeTimeProvider Clock => Kit.Clock;

        public ValueTask DisposeAsync() => Kit.DisposeAsync();
    }

    private static async Task<Setup> StartAsync(string provider)
    {
        var kit = await WorkflowKit.StartAsync(provider);
        var (services, clock) = (kit.Services, kit.Clock);
        var organisation = await services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO acc_organisations (code, name, is_active, created_at, updated_at) VALUES ('ACME', 'Acme Water', @True, @Now, @Now) RETURNING id
            """, new { True = true, Now = clock.GetUtcNow() }, tx));
        var engineer = await StaffAsync(services, "engineer@portal.example", "en");
        var lead = await StaffAsync(services, "lead@portal.example", "zh-CN");
        var otherLead = await StaffAsync(services, "lead2@portal.example", "zh-CN");
        await using (var scope = services.CreateAsyncScope())
        {
            var team = scope.ServiceProvider.GetRequiredService<TeamDirectory>();
            await team.SaveAsync(new TeamMember { UserId = lead, DisplayName = "lead", Email = "lead@portal.example", Tier = 1, IsLead = true }, default);
            await team.SaveAsync(new TeamMember { UserId = otherLead, DisplayName = "lead2", Email = "lead2@portal.example", Tier = 2, IsLead = true }, default);
        }
        return new Setup(kit, organisation, new Actor(engineer, "engineer", true));
    }

    private static async Task<long> StaffAsync(IServiceProvider services, string email, string language)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], PreferredLanguage = language };
        Assert.True((await users.CreateAsync(user, "correct horse battery staple")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.Staff)).Succeeded);
        return user.Id;
    }

    private static async Task<long> CreateAsync(Setup s, bool assign = true)
    {
        await using var scope = s.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var now = s.Clock.GetUtcNow();
        var row = await workflow.CreateAsync(
            new NewRequest(s.Organisation, Customer, "c@acme.example", "en", "", RequestVocabulary.Problem, "KMS", "8.5.2", 2, "Search down", "Nothing works"),
            new SlaPlan(true, "premium", false, now.AddHours(8), now.AddHours(48)), [], default);
        if (assign) Assert.Equal(WorkflowOutcome.Done, await workflow.AssignAsync(row.Id, 1, s.Engineer, s.Engineer.Id, s.Engineer.Name, default));
        return row.Id;
    }

    private static Task<T> WorkAsync<T>(Setup s, Func<RequestWorkflow, Task<T>> work) => s.Kit.WorkAsync(work);

    private static Task<RequestRow> RowAsync(Setup s, long id) => s.Kit.RowAsync(id);

    private static Task SweepAsync(Setup s) => s.Kit.SweepAsync("feedback.sla-watch");

    private static async Task<List<(string Key, string Payload)>> EmailsAsync(Setup s, string template)
    {
        await using var c = await s.Services.GetRequiredService<IDb>().OpenAsync();
        return [.. await c.QueryAsync<(string, string)>("SELECT dedup_key, payload FROM outbox WHERE dedup_key LIKE @prefix ORDER BY id", new { prefix = template + ":%" })];
    }

    private static async Task<List<(string Kind, string Body, bool Internal)>> EntriesAsync(Setup s, long id, string kind)
    {
        await using var c = await s.Services.GetRequiredService<IDb>().OpenAsync();
        return [.. await c.QueryAsync<(string, string, bool)>("SELECT kind, body, internal FROM fb_events WHERE request_id = @id AND kind = @kind ORDER BY id", new { id, kind })];
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AtThreeQuartersOfTheTargetTheAssigneeAndTheTierLeadAreWarnedOnceAndAgainAtTheBreach(string provider)
    {
        await using var s = await StartAsync(provider);
        var id = await CreateAsync(s);

        s.Clock.Advance(TimeSpan.FromHours(5));
        await SweepAsync(s);
        Assert.Empty(await EmailsAsync(s, SlaWarningEmails.Warning));

        s.Clock.Advance(TimeSpan.FromHours(1));
        await SweepAsync(s);
        await SweepAsync(s);
        var warnings = await EmailsAsync(s, SlaWarningEmails.Warning);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Payload.Contains("engineer@portal.example", StringComparison.Ordinal)
            && w.Payload.Contains("\"language\":\"en\"", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Payload.Contains("lead@portal.example", StringComparison.Ordinal)
            && w.Payload.Contains("\"language\":\"zh-CN\"", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Payload.Contains("lead2@portal.example", StringComparison.Ordinal));
        Assert.All(warnings, w =>
        {
            Assert.Contains($"/Feedback/Manage/Request/{id}", w.Payload, StringComparison.Ordinal);
            Assert.Contains("Acme Water", w.Payload, StringComparison.Ordinal);
            Assert.Contains("2026-03-02 18:00 (Asia/Shanghai)", w.Payload, StringComparison.Ordinal);
        });
        var warned = Assert.Single(await EntriesAsync(s, id, "warned"));
        Assert.True(warned.Internal);
        Assert.StartsWith("soon|respond|75|", warned.Body, StringComparison.Ordinal);

        s.Clock.Advance(TimeSpan.FromHours(2.5));
        await SweepAsync(s);
        await SweepAsync(s);
        Assert.Equal(2, (await EmailsAsync(s, SlaWarningEmails.Breach)).Count);
        Assert.Equal(2, (await EmailsAsync(s, SlaWarningEmails.Warning)).Count);
        Assert.Equal(2, (await EntriesAsync(s, id, "warned")).Count);
        Assert.Equal(1, (await RowAsync(s, id)).Tier);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ARecomputedTargetWarnsAgain(string provider)
    {
        await using var s = await StartAsync(provider);
        var id = await CreateAsync(s);
        await WorkAsync(s, w => w.StaffReplyAsync(id, 2, s.Engineer, "Looking into it", false, null, [], default));

        s.Clock.Advance(TimeSpan.FromHours(36));
        await SweepAsync(s);
        Assert.Equal(2, (await EmailsAsync(s, SlaWarningEmails.Warning)).Count);
        Assert.StartsWith("soon|resolve|75|", Assert.Single(await EntriesAsync(s, id, "warned")).Body, StringComparison.Ordinal);

        await WorkAsync(s, w => w.StaffReplyAsync(id, 3, s.Engineer, "Please send the log", false, RequestVocabulary.Waiting, [], default));
        s.Clock.Advance(TimeSpan.FromHours(30));
        await SweepAsync(s);
        Assert.Equal(2, (await EmailsAsync(s, SlaWarningEmails.Warning)).Count);
        await WorkAsync(s, w => w.CustomerReplyAsync(id, Customer, "Here it is", [], default));
        Assert.Equal(s.Clock.GetUtcNow().AddHours(12), (await RowAsync(s, id)).NextDueAt);

        await SweepAsync(s);
        await SweepAsync(s);
        Assert.Equal(4, (await EmailsAsync(s, SlaWarningEmails.Warning)).Count);
        Assert.Equal(2, (await EntriesAsync(s, id, "warned")).Count);
        Assert.Equal(1, (await RowAsync(s, id)).Tier);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AtEightyPercentOfTheResolutionTargetTheRequestIsEscalatedOnceAndNeverBeyondTierThree(string provider)
    {
        await using var s = await StartAsync(provider);
        var id = await CreateAsync(s);
        await WorkAsync(s, w => w.StaffReplyAsync(id, 2, s.Engineer, "Looking into it", false, null, [], default));

        s.Clock.Advance(TimeSpan.FromHours(38));
        await SweepAsync(s);
        Assert.Equal(1, (await RowAsync(s, id)).Tier);

        s.Clock.Advance(TimeSpan.FromHours(0.5));
        await SweepAsync(s);
        await SweepAsync(s);
        Assert.Equal(2, (await RowAsync(s, id)).Tier);
        var escalated = Assert.Single(await EntriesAsync(s, id, "escalated"));
        Assert.Equal("auto-escalation|80", escalated.Body);

        for (var round = 0; round < 3; round++)
        {
            var version = (await RowAsync(s, id)).RowVersion;
            await WorkAsync(s, w => w.ChangeStatusAsync(id, version, s.Engineer, RequestVocabulary.Waiting, default));
            s.Clock.Advance(TimeSpan.FromHours(1));
            await WorkAsync(s, w => w.CustomerReplyAsync(id, Customer, "Still broken", [], default));
            await SweepAsync(s);
            await SweepAsync(s);
        }
        Assert.Equal(3, (await RowAsync(s, id)).Tier);
        Assert.Equal(2, (await EntriesAsync(s, id, "escalated")).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ARequestWaitingOnTheCustomerOrWithASolutionProposedGetsNoWarning(string provider)
    {
        await using var s = await StartAsync(provider);
        var waiting = await CreateAsync(s);
        var proposed = await CreateAsync(s);
        await WorkAsync(s, w => w.ChangeStatusAsync(waiting, 2, s.Engineer, RequestVocabulary.Waiting, default));
        await WorkAsync(s, w => w.ChangeStatusAsync(proposed, 2, s.Engineer, RequestVocabulary.Proposed, default));

        s.Clock.Advance(TimeSpan.FromHours(100));
        await SweepAsync(s);

        Assert.Empty(await EmailsAsync(s, SlaWarningEmails.Warning));
        Assert.Empty(await EmailsAsync(s, SlaWarningEmails.Breach));
        Assert.Empty(await EntriesAsync(s, waiting, "warned"));
        Assert.Equal(1, (await RowAsync(s, proposed)).Tier);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProposingASolutionOrClosingRecordsWhetherTheResolutionTargetWasMet(string provider)
    {
        await using var s = await StartAsync(provider);
        var early = await CreateAsync(s, assign: false);
        var paused = await CreateAsync(s, assign: false);
        await WorkAsync(s, w => w.ChangeStatusAsync(early, 1, s.Engineer, RequestVocabulary.Proposed, default));
        await WorkAsync(s, w => w.ChangeStatusAsync(paused, 1, s.Engineer, RequestVocabulary.Waiting, default));
        s.Clock.Advance(TimeSpan.FromHours(60));
        var late = await CreateAsync(s, assign: false);
        await WorkAsync(s, w => w.ChangeStatusAsync(paused, 2, s.Engineer, RequestVocabulary.Closed, default));
        s.Clock.Advance(TimeSpan.FromHours(60));
        await WorkAsync(s, w => w.ChangeStatusAsync(late, 1, s.Engineer, RequestVocabulary.Closed, default));
        await WorkAsync(s, w => w.ChangeStatusAsync(early, 2, s.Engineer, RequestVocabulary.Closed, default));

        await using var c = await s.Services.GetRequiredService<IDb>().OpenAsync();
        var met = (await c.QueryAsync<(long Id, bool? Met, DateTimeOffset? At)>("SELECT id, resolve_met, resolved_at FROM fb_requests"))
            .ToDictionary(r => r.Id);
        Assert.True(met[early].Met);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), met[early].At);
        Assert.True(met[paused].Met);
        Assert.False(met[late].Met);
        Assert.Equal(48 * 3600L, await c.ExecuteScalarAsync<long>("SELECT resolve_target_seconds FROM fb_requests WHERE id = @late", new { late }));
        Assert.Equal(8 * 3600L, await c.ExecuteScalarAsync<long>("SELECT respond_target_seconds FROM fb_requests WHERE id = @late", new { late }));
    }
}
