using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Contracts;
using Portal.Modules.Surveys.Contracts;
using Portal.Modules.Surveys.FollowUps;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

/// <summary>Follow-up until satisfied: the thresholds, the complaint in the Feedback queue, the re-survey on closing
/// and its outcome, the chain when the re-survey is still low, and the staff list.</summary>
public sealed partial class FollowUpTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyARatingOfTwoOrAnOverallOfThreeOrLessAsksForAFollowUp(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var f = await FixtureAsync(kit);
        // The after-service-request form: four ratings, the last one (overall) is the fourth.
        var cases = new (long Request, string[] Ratings, bool Expected)[]
        {
            (101, ["3", "3", "3", "4"], false),
            (102, ["3", "2", "4", "4"], true),
            (103, ["4", "4", "4", "3"], true),
            (104, ["na", "na", "na", "na"], false),
            (105, ["5", "na", "4", "na"], false),
            (106, ["1", "5", "5", "5"], true),
        };
        foreach (var c in cases) await AnswerAsync(kit, f, c.Request, c.Ratings);
        foreach (var c in cases)
        {
            var response = await ResponseOfAsync(kit, c.Request);
            var asked = await kit.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedup_key = @key", new { key = $"surveys.followup:{response}" });
            Assert.True(asked == (c.Expected ? 1 : 0), $"request {c.Request} {string.Join(",", c.Ratings)}: expected follow-up {c.Expected}");
        }
    }

    [Fact]
    public void TheRuleCountsTheOverallQuestionAtThreeAndEveryOtherAtTwo()
    {
        static FollowUpRule.Rated R(int? rating, bool overall = false) => new(1, rating, overall);
        Assert.False(FollowUpRule.Needed([R(3), R(3), R(4, true)]));
        Assert.True(FollowUpRule.Needed([R(2), R(5, true)]));
        Assert.True(FollowUpRule.Needed([R(5), R(3, true)]));
        Assert.False(FollowUpRule.Needed([R(null), R(null, true)]));
        Assert.False(FollowUpRule.Needed([]));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ALowResponseOpensExactlyOneComplaintInTheQueueEvenWhenTheEventComesTwice(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var f = await FixtureAsync(kit);
        await AnswerAsync(kit, f, 201, ["4", "2", "4", "4"], remark: "slow to answer");
        await SettleAsync(kit, "SELECT COUNT(*) FROM sv_followups", 1);
        var response = await ResponseOfAsync(kit, 201);
        await using (var scope = kit.App.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await mediator.Publish(new SurveyNeedsFollowUp(response));
            await Task.WhenAll(PublishInOwnScopeAsync(kit, response), PublishInOwnScopeAsync(kit, response));
        }
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests"));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_followups"));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_survey_followups WHERE response_id = @response", new { response }));

        var request = (await kit.QueryAsync<RequestFacts>("""
            SELECT id AS Id, reference AS Reference, type AS Type, organisation_id AS OrganisationId, created_by AS CreatedBy, title AS Title,
                description AS Description, status AS Status, respond_due_at AS RespondDue
            FROM fb_requests
            """)).Single();
        Assert.Equal("complaint", request.Type);
        Assert.Equal("new", request.Status);
        Assert.Equal(f.Organisation, request.OrganisationId);
        Assert.Equal(f.UserId, request.CreatedBy);
        Assert.Equal("满意度调查跟进：FB-2026-0201", request.Title);
        Assert.NotNull(request.RespondDue);
        Assert.Contains("2 分", request.Description, StringComparison.Ordinal);
        Assert.Contains("slow to answer", request.Description, StringComparison.Ordinal);
        Assert.Equal(request.Id, await kit.ScalarAsync<long>("SELECT request_id FROM sv_followups WHERE response_id = @response", new { response }));
        Assert.Equal("open", await kit.ScalarAsync<string>("SELECT state FROM sv_followups"));

        // Complaints are in the queue of the service supervisors.
        var staff = await kit.StaffAsync("supervisor@portal.example");
        await kit.Db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO fb_team (user_id, display_name, email, tier, is_lead, is_supervisor, updated_at)
            SELECT id, 'supervisor', email, 1, @True, @True, @Now FROM acc_users WHERE email = 'supervisor@portal.example'
            """, new { True = true, Now = DateTimeOffset.UtcNow }, tx));
        var queue = await SurveysWebKit.PageAsync(staff, "/Feedback/Manage?type=complaint");
        Assert.Contains(request.Reference, queue.Body!.TextContent, StringComparison.Ordinal);
        var page = await SurveysWebKit.PageAsync(staff, $"/Feedback/Manage/Request/{request.Id}");
        Assert.Equal($"/Surveys/Manage/Responses/{response}", page.QuerySelector("[data-testid=survey-follow-up] a")!.GetAttribute("href"));
        var list = await SurveysWebKit.PageAsync(staff, "/Surveys/Manage/FollowUps");
        var row = list.QuerySelector("[data-testid=followups] tbody tr")!;
        Assert.Contains(request.Reference, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("ACME Ltd", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"a[href='/Feedback/Manage/Request/{request.Id}']"));
        Assert.NotNull(row.QuerySelector($"a[href='/Surveys/Manage/Responses/{response}']"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ClosingTheFollowUpSendsTheReSurveyAndAGoodAnswerEndsItSatisfied(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var f = await FixtureAsync(kit);
        await AnswerAsync(kit, f, 301, ["4", "4", "4", "3"]);
        await SettleAsync(kit, "SELECT COUNT(*) FROM sv_followups", 1);
        var (requestId, reference) = await FollowUpRequestAsync(kit);
        await CloseAsync(kit, f, requestId, reference);
        Assert.Equal("closed", await kit.ScalarAsync<string>("SELECT state FROM sv_followups"));
        var resurvey = await kit.ScalarAsync<long>("SELECT resurvey_invitation_id FROM sv_followups");
        Assert.Equal(resurvey, await kit.ScalarAsync<long>("SELECT id FROM sv_invitations WHERE subject_kind = 'request' AND subject_id = @requestId", new { requestId }));

        await AnswerAsync(kit, f, requestId, ["5", "4", "5", "4"], closeFirst: false);
        Assert.Equal("satisfied", await kit.ScalarAsync<string>("SELECT outcome FROM sv_followups"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE 'surveys.followup:%' AND dedup_key <> @first",
            new { first = $"surveys.followup:{await ResponseOfAsync(kit, 301)}" }));

        var version = await kit.ScalarAsync<long>("SELECT template_version_id FROM sv_followups");
        var summary = await SummaryAsync(kit, version, f.Organisation);
        Assert.Equal(new FollowUpSummary(1, 1, 1, 0), summary);
        Assert.Equal(new FollowUpSummary(0, 0, 0, 0), await SummaryAsync(kit, version, f.Organisation + 1000));
        var staff = await kit.StaffAsync();
        var list = await SurveysWebKit.PageAsync(staff, "/Surveys/Manage/FollowUps");
        Assert.Equal("客户已满意", list.QuerySelector("[data-testid=outcome]")!.TextContent.Trim());

        var template = await kit.ScalarAsync<long>("SELECT template_id FROM sv_template_versions WHERE id = @version", new { version });
        var number = await kit.ScalarAsync<long>("SELECT version FROM sv_template_versions WHERE id = @version", new { version });
        var results = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Results?template={template}&version={number}");
        var counts = results.QuerySelector("[data-testid=followups]")!;
        Assert.Equal(("1", "1"), (counts.GetAttribute("data-opened"), counts.GetAttribute("data-satisfied")));
        Assert.Contains("1 项客户满意", counts.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AReSurveyThatIsStillLowOpensTheNextFollowUpOnce(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var f = await FixtureAsync(kit);
        await AnswerAsync(kit, f, 401, ["1", "4", "4", "4"]);
        await SettleAsync(kit, "SELECT COUNT(*) FROM sv_followups", 1);
        var (requestId, reference) = await FollowUpRequestAsync(kit);
        await CloseAsync(kit, f, requestId, reference);
        await CloseAsync(kit, f, requestId, reference, closing: 2);
        await AnswerAsync(kit, f, requestId, ["4", "4", "4", "2"], closeFirst: false);
        Assert.Equal("unsatisfied", await kit.ScalarAsync<string>("SELECT outcome FROM sv_followups WHERE request_id = @requestId", new { requestId }));
        await SettleAsync(kit, "SELECT COUNT(*) FROM sv_followups", 2);
        var resurveyResponse = await ResponseOfAsync(kit, requestId);
        var next = await kit.ScalarAsync<long>("SELECT request_id FROM sv_followups WHERE response_id = @resurveyResponse", new { resurveyResponse });
        Assert.NotEqual(requestId, next);
        Assert.Equal($"满意度调查跟进：{reference}", await kit.ScalarAsync<string>("SELECT title FROM fb_requests WHERE id = @next", new { next }));
        await PublishInOwnScopeAsync(kit, resurveyResponse);
        Assert.Equal(2, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests"));
        var version = await kit.ScalarAsync<long>("SELECT MIN(template_version_id) FROM sv_followups");
        Assert.Equal(new FollowUpSummary(2, 1, 0, 1), await SummaryAsync(kit, version, null));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomersAndVisitorsCannotReachTheFollowUpListAndStaffSeeAnEmptyState(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var customer = await kit.CustomerAsync();
        var anonymous = kit.App.Browser();
        var staff = await kit.StaffAsync();
        const string url = "/Surveys/Manage/FollowUps";
        var refused = await customer.GetAsync(url);
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
            $"expected forbidden, got {(int)refused.StatusCode} {refused.Headers.Location}");
        Assert.Contains("/Account/SignIn", (await anonymous.GetAsync(url)).Headers.Location?.OriginalString);
        var page = await SurveysWebKit.PageAsync(staff, url);
        Assert.NotNull(page.QuerySelector("[data-testid=empty]"));

        var handler = kit.App.Services.CreateScope().ServiceProvider.GetRequiredService<IMediator>();
        var customerUser = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, PortalRoles.Customer)], "test"));
        Assert.Null(await handler.Send(new Areas.Surveys.Pages.Manage.FollowUps.IndexModel.Query(customerUser, 1)));
    }

    private sealed record Fixture(long Organisation, long UserId, string Email);

    private sealed class RequestFacts
    {
        public long Id { get; init; }
        public string Reference { get; init; } = "";
        public string Type { get; init; } = "";
        public long OrganisationId { get; init; }
        public long CreatedBy { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset? RespondDue { get; init; }
    }

    /// <summary>Shipped templates; ACME with product VC installed under a service period, and its contact.</summary>
    private static async Task<Fixture> FixtureAsync(SurveysWebKit kit)
    {
        await kit.ImportShippedAsync();
        var organisation = await kit.App.CreateOrganisationAsync("ACME", "ACME Ltd");
        var user = await kit.App.CreateUserAsync("contact@acme.example", SurveysWebKit.Password, PortalRoles.Customer, organisation);
        var product = await CatalogRows.ProductAsync(kit.Db, "VC", "8.5.2");
        await CatalogRows.InstallAsync(kit.Db, organisation, product, "8.5.2");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await kit.Db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                trainings_per_year, created_at, updated_at)
            VALUES (@organisation, @product, 'paid', 'premium', @startsOn, 12, @endsOn, @False, 2, @Now, @Now)
            """, new { organisation, product, startsOn = today.AddDays(-10), endsOn = today.AddDays(300), False = false, Now = DateTimeOffset.UtcNow }, tx));
        return new Fixture(organisation, user.Id, "contact@acme.example");
    }

    private static async Task CloseAsync(SurveysWebKit kit, Fixture f, long requestId, string reference, int closing = 1)
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new RequestClosed(requestId, reference, f.Organisation, f.UserId,
            f.Email, "zh-CN", "complaint", "VC", "staff", DateTimeOffset.UtcNow, closing));
    }

    /// <summary>Closes request <paramref name="requestId"/> (unless it was closed already) and answers its survey link:
    /// ratings in question order ("na" for not applicable), a remark on the first low one.</summary>
    private static async Task AnswerAsync(SurveysWebKit kit, Fixture f, long requestId, string[] ratings, string? remark = null, bool closeFirst = true)
    {
        var reference = $"FB-2026-{requestId:0000}";
        if (closeFirst) await CloseAsync(kit, f, requestId, reference);
        var invitation = await kit.ScalarAsync<long>("SELECT id FROM sv_invitations WHERE subject_kind = 'request' AND subject_id = @requestId", new { requestId });
        var email = await kit.ScalarAsync<string>("SELECT payload FROM outbox WHERE dedup_key = @key", new { key = $"surveys.invitation:{invitation}" });
        var token = TokenPattern().Match(email).Groups[1].Value;
        var questions = await kit.QueryAsync<long>("""
            SELECT q.id FROM sv_questions q JOIN sv_sections s ON s.id = q.section_id JOIN sv_invitations i ON i.template_version_id = q.version_id
            WHERE i.id = @invitation AND q.kind = 'rating' ORDER BY s.position, q.position
            """, new { invitation });
        var text = await kit.QueryAsync<long>("""
            SELECT q.id FROM sv_questions q JOIN sv_invitations i ON i.template_version_id = q.version_id WHERE i.id = @invitation AND q.kind = 'text'
            """, new { invitation });
        Assert.Equal(ratings.Length, questions.Count);
        var fields = new Dictionary<string, string>();
        // As a browser sends the form: every remark field, most of them empty.
        for (var i = 0; i < ratings.Length; i++) (fields[$"Answers[{questions[i]}]"], fields[$"Remarks[{questions[i]}]"]) = (ratings[i], "");
        if (remark is not null) fields[$"Remarks[{questions[Array.FindIndex(ratings, r => r is "1" or "2")]}]"] = remark;
        foreach (var t in text) fields[$"Answers[{t}]"] = "fine";
        var browser = kit.App.Browser();
        var first = await browser.GetAsync($"/Surveys/Answer/{token}");
        if (first.StatusCode == HttpStatusCode.Redirect) await browser.GetAsync(first.Headers.Location!.OriginalString);
        var sent = await browser.PostFormAsync($"/Surveys/Answer/{token}", fields);
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", await SurveysWebKit.ErrorsAsync(sent)));
    }

    private static Task<long> ResponseOfAsync(SurveysWebKit kit, long requestId) =>
        kit.ScalarAsync<long>("""
            SELECT r.id FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id WHERE i.subject_kind = 'request' AND i.subject_id = @requestId
            """, new { requestId });

    private static async Task<(long Id, string Reference)> FollowUpRequestAsync(SurveysWebKit kit)
    {
        var row = (await kit.QueryAsync<(long, string)>("SELECT request_id, request_reference FROM sv_followups")).Single();
        return row;
    }

    private static async Task PublishInOwnScopeAsync(SurveysWebKit kit, long response)
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new SurveyNeedsFollowUp(response));
    }

    private static async Task<FollowUpSummary> SummaryAsync(SurveysWebKit kit, long version, long? organisation)
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetFollowUpSummary(version,
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), organisation));
    }

    /// <summary>Delivers the outbox until the count reaches <paramref name="expected"/>.</summary>
    private static async Task SettleAsync(SurveysWebKit kit, string countSql, long expected)
    {
        var dispatcher = kit.App.Services.GetRequiredService<OutboxDispatcher>();
        for (var i = 0; i < 100; i++)
        {
            await dispatcher.DispatchDueAsync();
            if (await kit.ScalarAsync<long>(countSql) >= expected) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{countSql} did not reach {expected}; outbox errors: " +
            string.Join(" | ", await kit.QueryAsync<string>("SELECT last_error FROM outbox WHERE last_error IS NOT NULL")));
    }

    [GeneratedRegex("/Surveys/Answer/([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();
}
