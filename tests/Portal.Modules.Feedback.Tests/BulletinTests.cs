using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Feedback.Bulletins;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Testing;
using Xunit;
using static Portal.Modules.Feedback.Tests.BulletinTestKit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The monthly bulletin job with a fake clock: when it sends, that it sends each organisation's
/// month once (twice run, two nodes at once), the catch-up after downtime, what the email says, and who gets it.</summary>
public sealed class BulletinTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSeptemberBulletinWaitsForTheFirstWorkingDayAfterNationalDay(string provider)
    {
        await using var kit = await StartAsync(provider, Local(2026, 9, 10));
        await kit.HolidaysAsync(Days(new(2026, 10, 1), new(2026, 10, 7)), [new(2026, 10, 10)]);
        var acme = await kit.OrganisationAsync("ACME");
        var contact = await kit.ContactAsync(acme, "zhang@acme.example");
        await kit.InstalledProductAsync(acme, "KMS");
        await kit.RequestAsync(acme, contact, "Search is down", "KMS");

        foreach (var before in new[] { Local(2026, 10, 5), Local(2026, 10, 7, 23, 59), Local(2026, 10, 8, 8, 59) })
        {
            kit.MoveTo(before);
            await kit.SweepAsync();
            Assert.DoesNotContain(Month(2026, 9), await kit.ClaimedAsync(acme));
        }
        Assert.Empty(await kit.BulletinEmailsAsync());

        kit.MoveTo(Local(2026, 10, 8, 9, 0));
        await kit.SweepAsync();
        Assert.Contains(Month(2026, 9), await kit.ClaimedAsync(acme));
        Assert.Equal($"feedback.bulletin:{acme}:2026-09:{contact}", Assert.Single(await kit.BulletinEmailsAsync()).Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AFifthOnASaturdayIsSentOnMondayAndAMakeUpSaturdayOnTheSaturday(string provider)
    {
        await using var kit = await StartAsync(provider, Local(2026, 8, 10));
        await kit.HolidaysAsync([], [new(2026, 12, 5)]);
        var acme = await kit.OrganisationAsync("ACME");
        await kit.ContactAsync(acme, "zhang@acme.example");
        await kit.InstalledProductAsync(acme, "KMS");
        await kit.ReleaseAsync("KMS", "August patch", Local(2026, 8, 20));
        await kit.ReleaseAsync("KMS", "November patch", Local(2026, 11, 20));

        kit.MoveTo(Local(2026, 9, 5, 10));
        await kit.SweepAsync();
        Assert.DoesNotContain(Month(2026, 8), await kit.ClaimedAsync(acme));
        kit.MoveTo(Local(2026, 9, 7, 9, 30));
        await kit.SweepAsync();
        Assert.Contains(Month(2026, 8), await kit.ClaimedAsync(acme));

        kit.MoveTo(Local(2026, 12, 5, 9, 30));
        await kit.SweepAsync();
        Assert.Contains(Month(2026, 11), await kit.ClaimedAsync(acme));
        Assert.Equal(2, (await kit.BulletinEmailsAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EachOrganisationsMonthIsSentOnceWhetherTheJobRunsTwiceOrOnTwoNodesAtOnce(string provider)
    {
        await using var kit = await StartAsync(provider, Local(2026, 3, 2));
        var organisations = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var organisation = await kit.OrganisationAsync($"ORG{i}");
            await kit.ContactAsync(organisation, $"a{i}@customer.example");
            await kit.ContactAsync(organisation, $"b{i}@customer.example", "en");
            await kit.InstalledProductAsync(organisation, $"KMS{i}");
            await kit.RequestAsync(organisation, 1, $"Problem {i}", $"KMS{i}");
            organisations.Add(organisation);
        }
        kit.MoveTo(Local(2026, 4, 7, 10));

        await Task.WhenAll(kit.SweepAsync(), kit.SweepAsync());
        await kit.SweepAsync();
        Assert.Equal(8, (await kit.BulletinEmailsAsync()).Count);
        foreach (var organisation in organisations) Assert.Equal([Month(2026, 3)], await kit.ClaimedAsync(organisation));

        // Two senders racing for the same organisation and month: the claim lets exactly one through.
        var late = await kit.OrganisationAsync("LATE");
        await kit.ContactAsync(late, "late@customer.example");
        await kit.InstalledProductAsync(late, "KMS-LATE");
        await kit.ReleaseAsync("KMS-LATE", "Late patch", Local(2026, 3, 20));
        OrganisationInfo info;
        await using (var scope = kit.Services.CreateAsyncScope())
            info = (await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new GetOrganisation(late)))!;
        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = kit.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BulletinSender>().SendAsync(info, new BulletinMonth(2026, 3), default);
        }));
        Assert.Single(sent, s => s);
        Assert.Equal(9, (await kit.BulletinEmailsAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AfterDowntimeOnlyTheLatestMonthDueIsSent(string provider)
    {
        await using var kit = await StartAsync(provider, Local(2026, 1, 20));
        var acme = await kit.OrganisationAsync("ACME");
        var contact = await kit.ContactAsync(acme, "zhang@acme.example");
        await kit.InstalledProductAsync(acme, "KMS");
        foreach (var month in new[] { 2, 3, 4 })
        {
            kit.MoveTo(Local(2026, month, 2));
            await kit.RequestAsync(acme, contact, $"Problem of month {month}", "KMS");
        }

        // Down from 8 April until 20 May: March's bulletin (due 7 April) was sent, April's (due 6 May) was missed.
        kit.MoveTo(Local(2026, 4, 7, 10));
        await kit.SweepAsync();
        kit.MoveTo(Local(2026, 5, 20, 8));
        await kit.SweepAsync();

        Assert.Equal([Month(2026, 3), Month(2026, 4)], await kit.ClaimedAsync(acme));
        Assert.Equal([$"feedback.bulletin:{acme}:2026-03:{contact}", $"feedback.bulletin:{acme}:2026-04:{contact}"],
            (await kit.BulletinEmailsAsync()).Select(e => e.Key));

        // A portal that first starts long after: only the latest month, not every month before it.
        var other = await kit.OrganisationAsync("NEW");
        var newContact = await kit.ContactAsync(other, "li@new.example");
        await kit.InstalledProductAsync(other, "WDS");
        kit.MoveTo(Local(2026, 7, 1));
        await kit.RequestAsync(other, newContact, "Pumps", "WDS");
        kit.MoveTo(Local(2026, 9, 1));
        await kit.SweepAsync();
        Assert.Equal([Month(2026, 7)], await kit.ClaimedAsync(other));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheEmailCountsTheMonthsRequestsWithComplianceAndNewContentButNoInternalNotesOrOtherOrganisations(string provider)
    {
        await using var kit = await StartAsync(provider, Local(2026, 2, 20));
        var acme = await kit.OrganisationAsync("ACME");
        var zhang = await kit.ContactAsync(acme, "zhang@acme.example");
        var smith = await kit.ContactAsync(acme, "smith@acme.example", "en");
        await kit.ContactAsync(acme, "quiet@acme.example", "en", bulletin: false);
        await kit.InstalledProductAsync(acme, "KMS");
        var other = await kit.OrganisationAsync("OTHER");
        var otherContact = await kit.ContactAsync(other, "li@other.example", "en");
        await kit.InstalledProductAsync(other, "WDS");

        var closedInFebruary = await kit.RequestAsync(acme, zhang, "Closed-in-February", "KMS");
        await kit.StatusAsync(closedInFebruary, RequestVocabulary.Closed);
        var openSinceFebruary = await kit.RequestAsync(acme, zhang, "Open-since-February", "KMS");

        kit.MoveTo(Local(2026, 3, 2));
        var answered = await kit.RequestAsync(acme, zhang, "Answered-in-time", "KMS", respondWithin: 4);
        kit.Clock.Advance(TimeSpan.FromHours(1));
        await kit.ReplyAsync(answered, "SECRET-NOTE the customer is difficult", isInternal: true);
        await kit.ReplyAsync(answered, "Please restart the indexer", statusAfter: RequestVocabulary.Proposed);
        Assert.Equal(WorkflowOutcome.Done, await kit.WithWorkflowAsync(w => w.ConfirmAsync(answered, new Actor(zhang, "Zhang", false), default)));
        var late = await kit.RequestAsync(acme, smith, "Answered-late", "KMS", respondWithin: 1);
        kit.Clock.Advance(TimeSpan.FromHours(3));
        await kit.ReplyAsync(late, "Sorry for the wait");
        await kit.RequestAsync(acme, smith, "Not-covered-request", "KMS", covered: false);
        await kit.RequestAsync(other, otherContact, "OTHER-ORGANISATION-SECRET", "WDS");
        await kit.ReleaseAsync("KMS", "KMS-March-patch", Local(2026, 3, 15));
        await kit.ReleaseAsync("KMS", "KMS-draft-patch", Local(2026, 3, 15), status: "draft");
        await kit.ReleaseAsync("WDS", "WDS-March-patch", Local(2026, 3, 15));
        await kit.ArticleAsync("KMS", "KMS-March-article", Local(2026, 3, 16));
        await kit.ArticleAsync("KMS", "KMS-internal-article", Local(2026, 3, 16), visibility: "internal");
        await kit.ArticleAsync("KMS", "KMS-April-article", Local(2026, 4, 1, 1));

        kit.MoveTo(Local(2026, 4, 7, 10));
        await kit.SweepAsync();

        var emails = (await kit.BulletinEmailsAsync()).Where(e => e.Key.StartsWith($"feedback.bulletin:{acme}:", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"feedback.bulletin:{acme}:2026-03:{zhang}", $"feedback.bulletin:{acme}:2026-03:{smith}"], emails.Select(e => e.Key));
        var english = emails[1].Payload;
        Assert.Contains("Requests: 3 received, 1 resolved, 3 still open at the end of the month.", english, StringComparison.Ordinal);
        Assert.Contains("First response on time: 1 of 3 with a response target.", english, StringComparison.Ordinal);
        foreach (var expected in new[] { "Answered-in-time", "first response: met", "Answered-late", "first response: missed", "Not-covered-request",
            "first response: not covered", "Open-since-February", "KMS-March-patch", "KMS-March-article", "/Feedback/Bulletin/2026-03", "/Account/Profile" })
            Assert.Contains(expected, english, StringComparison.Ordinal);
        foreach (var absent in new[] { "SECRET-NOTE", "restart the indexer", "Sorry for the wait", "Closed-in-February", "OTHER-ORGANISATION-SECRET",
            "WDS-March-patch", "KMS-draft-patch", "KMS-internal-article", "KMS-April-article" })
            Assert.DoesNotContain(absent, english, StringComparison.Ordinal);
        Assert.Contains("\"language\":\"zh-CN\"", emails[0].Payload, StringComparison.Ordinal);
        Assert.Contains("\"language\":\"en\"", english, StringComparison.Ordinal);

        Assert.Equal(2, await kit.ScalarAsync<long>("SELECT recipients FROM fb_bulletins WHERE organisation_id = @acme", new { acme }));
        Assert.Equal(3, await kit.ScalarAsync<long>("SELECT still_open FROM fb_bulletins WHERE organisation_id = @acme", new { acme }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMonthWithNothingToReportIsClaimedButNotSent(string provider)
    {
        await using var kit = await StartAsync(provider, Local(2026, 3, 2));
        var quiet = await kit.OrganisationAsync("QUIET");
        await kit.ContactAsync(quiet, "zhang@quiet.example");
        await kit.InstalledProductAsync(quiet, "KMS");
        var suspended = await kit.OrganisationAsync("GONE", active: false);
        var gone = await kit.ContactAsync(suspended, "li@gone.example");
        await kit.InstalledProductAsync(suspended, "WDS");
        await kit.RequestAsync(suspended, gone, "Nobody reads this", "WDS");

        kit.MoveTo(Local(2026, 4, 7, 10));
        await kit.SweepAsync();

        Assert.Empty(await kit.BulletinEmailsAsync());
        Assert.Equal([Month(2026, 3)], await kit.ClaimedAsync(quiet));
        Assert.Empty(await kit.ClaimedAsync(suspended));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_bulletins WHERE reported = @True", new { True = true }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AContactWhoTurnedRequestEmailsOffGetsOnlyTheSubmissionConfirmation(string provider)
    {
        await using var kit = await StartAsync(provider, Local(2026, 3, 2));
        var acme = await kit.OrganisationAsync("ACME");
        var quiet = await kit.ContactAsync(acme, "quiet@acme.example", requestEmails: false);
        var keen = await kit.ContactAsync(acme, "keen@acme.example");
        var quietRequest = await kit.RequestAsync(acme, quiet, "Quiet", "KMS");
        var keenRequest = await kit.RequestAsync(acme, keen, "Keen", "KMS");
        foreach (var id in new[] { quietRequest, keenRequest })
        {
            await kit.ReplyAsync(id, "An answer");
            await kit.StatusAsync(id, RequestVocabulary.Waiting);
            await kit.StatusAsync(id, RequestVocabulary.Proposed);
        }
        kit.Clock.Advance(TimeSpan.FromDays(32));
        await using (var scope = kit.Services.CreateAsyncScope())
        {
            foreach (var sweep in scope.ServiceProvider.GetServices<Core.Background.ISweep>().Where(s => s.Name == "feedback.auto-close")) await sweep.RunAsync(default);
        }

        Assert.Equal(RequestVocabulary.Closed, await kit.ScalarAsync<string>("SELECT status FROM fb_requests WHERE id = @quietRequest", new { quietRequest }));
        async Task<List<string>> EmailsOf(long user)
        {
            await using var c = await kit.Db.OpenAsync();
            return [.. await c.QueryAsync<string>("SELECT dedup_key FROM outbox WHERE payload LIKE @To AND dedup_key NOT LIKE 'feedback.closed:%' ORDER BY id",
                new { To = $"%user{user}@customer.example%" })];
        }
        Assert.Equal(["feedback.submitted"], (await EmailsOf(quiet)).Select(k => k.Split(':')[0]));
        Assert.Equal(["feedback.submitted", "feedback.reply", "feedback.status", "feedback.status", "feedback.auto-closed"],
            (await EmailsOf(keen)).Select(k => k.Split(':')[0]));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AContactWhoTurnedTheBulletinOffGetsNone(string provider)
    {
        await using var kit = await StartAsync(provider, Local(2026, 3, 2));
        var acme = await kit.OrganisationAsync("ACME");
        await kit.ContactAsync(acme, "quiet@acme.example", bulletin: false);
        await kit.InstalledProductAsync(acme, "KMS");
        await kit.ReleaseAsync("KMS", "March patch", Local(2026, 3, 15));

        kit.MoveTo(Local(2026, 4, 7, 10));
        await kit.SweepAsync();

        Assert.Empty(await kit.BulletinEmailsAsync());
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT recipients FROM fb_bulletins WHERE organisation_id = @acme", new { acme }));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_bulletins WHERE reported = @True", new { True = true }));
    }
}
