using System.Net;
using AngleSharp.Html.Dom;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Contracts;
using Portal.Modules.Training.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

public sealed class RecordingTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffRecordAPhoneResponseWithChannelAndRecorderAndTheInvitationCannotBeAnsweredAgain(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var staff = await kit.StaffAsync();
        var staffId = await kit.ScalarAsync<long>("SELECT id FROM acc_users WHERE email = 'staff@portal.example'");
        var invitation = await InviteAsync(kit, requestId: 5, userId: 77);

        var list = await SurveysWebKit.PageAsync(staff, "/Surveys/Manage/Invitations?status=pending&q=contact5");
        Assert.Equal($"/Surveys/Manage/Record/{invitation}", Assert.Single(list.QuerySelectorAll("[data-testid=record]")).GetAttribute("href"));
        var form = await SurveysWebKit.PageAsync(staff, Record(invitation));
        var fields = Answers(form);
        fields["Channel"] = "phone";
        var sent = await staff.PostFormAsync(Record(invitation), fields);
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", await SurveysWebKit.ErrorsAsync(sent)));
        var responseId = await kit.ScalarAsync<long>("SELECT id FROM sv_responses");
        Assert.Equal($"/Surveys/Manage/Responses/{responseId}", sent.Headers.Location!.OriginalString);
        Assert.Equal("phone", await kit.ScalarAsync<string>("SELECT channel FROM sv_responses"));
        Assert.Equal(staffId, await kit.ScalarAsync<long>("SELECT recorded_by FROM sv_responses"));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE answered_at IS NOT NULL"));

        var shown = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Responses/{responseId}");
        Assert.NotNull(shown.QuerySelector("[data-testid=recorded-by]"));
        Assert.Contains(shown.QuerySelectorAll("[data-testid=answer] td"), td => td.TextContent.Contains("(4)", StringComparison.Ordinal));
        var responses = await SurveysWebKit.PageAsync(staff, "/Surveys/Manage/Responses?channel=phone");
        Assert.Single(responses.QuerySelectorAll("[data-testid=response]"));
        Assert.NotNull((await SurveysWebKit.PageAsync(staff, "/Surveys/Manage/Responses?channel=fax")).QuerySelector("[data-testid=empty]"));

        var again = await staff.PostFormAsync(Record(invitation), fields, formPage: "/Surveys/Manage/Responses");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(SurveysWebKit.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("[data-testid=answered]"));
        Assert.Null((await SurveysWebKit.PageAsync(staff, Record(invitation))).QuerySelector("[data-testid=record-form]"));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RecordingWithoutAChannelOrWithBadAnswersKeepsTheEnteredAnswersAndStoresNothing(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var staff = await kit.StaffAsync();
        var invitation = await InviteAsync(kit, requestId: 6, userId: 78);
        var form = await SurveysWebKit.PageAsync(staff, Record(invitation));
        var fields = Answers(form);
        var first = fields.Keys.First(k => k.StartsWith("Answers[", StringComparison.Ordinal));
        var sent = await staff.PostFormAsync(Record(invitation), fields);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var page = SurveysWebKit.Parse(await sent.Content.ReadAsStringAsync());
        Assert.Single(page.QuerySelectorAll("[data-testid=errors] li"));
        Assert.True(page.QuerySelector($"input[name='{first}'][value='4']")!.HasAttribute("checked"));

        fields["Channel"] = "carrier-pigeon";
        fields[first] = "9";
        var bad = await staff.PostFormAsync(Record(invitation), fields);
        Assert.Equal(2, (await SurveysWebKit.ErrorsAsync(bad)).Length);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE answered_at IS NOT NULL"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomersAndAnonymousVisitorsCannotReachTheStaffResponsePages(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var invitation = await InviteAsync(kit, requestId: 9, userId: 79);
        var customer = await kit.CustomerAsync();
        var anonymous = kit.App.Browser();
        foreach (var url in new[] { "/Surveys/Manage/Responses", "/Surveys/Manage/Responses/1", "/Surveys/Manage/Invitations", Record(invitation) })
        {
            var refused = await customer.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"{url}: {(int)refused.StatusCode}");
            var signIn = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Contains("/Account/SignIn", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var post = await customer.PostAsync(Record(invitation), new FormUrlEncodedContent(new Dictionary<string, string> { ["Channel"] = "phone" }));
        Assert.DoesNotContain("/Surveys/Manage/Responses", post.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ASignedInUserAnswersTheirOwnOpenSurveyFromTheHomePageAndNotSomeoneElses(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var customer = await kit.CustomerAsync();
        var me = await kit.ScalarAsync<long>("SELECT id FROM acc_users WHERE email = 'acme@customer.example'");
        var open = await InviteAsync(kit, requestId: 1, userId: me);
        var answered = await InviteAsync(kit, requestId: 2, userId: me);
        var expired = await InviteAsync(kit, requestId: 3, userId: me);
        var others = await InviteAsync(kit, requestId: 4, userId: me + 1000);
        await kit.Db.WriteAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE sv_invitations SET expires_at = @past WHERE id = @expired",
            new { past = DateTimeOffset.UtcNow.AddMinutes(-1), expired }, tx));

        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(Open(others))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(Open(999999))).StatusCode);
        var form = await SurveysWebKit.PageAsync(customer, Open(answered));
        var fields = Answers(form);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.PostFormAsync(Open(others), fields, formPage: Open(answered))).StatusCode);
        var sent = await customer.PostFormAsync(Open(answered), fields);
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", await SurveysWebKit.ErrorsAsync(sent)));
        Assert.NotNull((await SurveysWebKit.PageAsync(customer, sent.Headers.Location!.OriginalString)).QuerySelector("[data-testid=thanks]"));
        Assert.Equal("web", await kit.ScalarAsync<string>("SELECT channel FROM sv_responses"));
        var twice = await customer.PostFormAsync(Open(answered), fields, formPage: Open(open));
        Assert.NotNull(SurveysWebKit.Parse(await twice.Content.ReadAsStringAsync()).QuerySelector("[data-testid=answered]"));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses"));
        Assert.NotNull((await SurveysWebKit.PageAsync(customer, Open(expired))).QuerySelector("[data-testid=expired]"));

        var home = await SurveysWebKit.PageAsync(customer, "/");
        var links = home.QuerySelectorAll("[data-testid=home-notice] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([Open(open)], links);
        Assert.Empty((await SurveysWebKit.PageAsync(kit.App.Browser(), "/")).QuerySelectorAll("[data-testid=home-notice]"));
        Assert.Equal(HttpStatusCode.Redirect, (await kit.App.Browser().GetAsync(Open(open))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnAttendedSessionInvitesTheTraineeOnceWithProductAndInstructor(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var attended = new SessionAttended(31, 4, 2, "视频会议基础", "Video conferencing basics", 1, 12, "trainee@customer.example", "en",
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, "CERT-1", "VC-500", "Wang Fang");
        await PublishAsync(kit, attended);
        await PublishAsync(kit, attended with { RecordedAt = DateTimeOffset.UtcNow.AddMinutes(5) });
        var rows = await kit.QueryAsync<(string Kind, long Subject, long User, string Product, string Instructor, string Purpose)>("""
            SELECT i.subject_kind, i.subject_id, i.user_id, i.product_code, i.instructor, t.purpose
            FROM sv_invitations i JOIN sv_template_versions v ON v.id = i.template_version_id JOIN sv_templates t ON t.id = v.template_id
            """);
        var row = Assert.Single(rows);
        Assert.Equal(("session", 31L, 12L, "VC-500", "Wang Fang", "training"), row);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE 'surveys.invitation:%'"));
    }

    private static string Record(long invitation) => $"/Surveys/Manage/Record/{invitation}";

    private static string Open(long invitation) => $"/Surveys/Open/{invitation}";

    /// <summary>A valid answer for every question of the form shown: ratings 4, first choices, a short text.</summary>
    private static Dictionary<string, string> Answers(IHtmlDocument form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var radio in form.QuerySelectorAll("[data-testid=survey-form] input[type=radio]"))
        {
            var name = radio.GetAttribute("name")!;
            var value = radio.GetAttribute("value")!;
            if (value == "4" || (!fields.ContainsKey(name) && value == "1")) fields[name] = value;
        }
        foreach (var area in form.QuerySelectorAll("[data-testid=survey-form] textarea")) fields[area.GetAttribute("name")!] = "Fine.";
        return fields;
    }

    private static async Task PublishAsync(SurveysWebKit kit, INotification notification)
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification);
    }

    private static async Task<long> InviteAsync(SurveysWebKit kit, long requestId, long userId)
    {
        await PublishAsync(kit, new RequestClosed(requestId, $"FB-2026-{requestId:0000}", 1, userId, $"contact{requestId}@customer.example", "zh-CN",
            "question", "VC", "staff", DateTimeOffset.UtcNow, 1));
        return await kit.ScalarAsync<long>("SELECT id FROM sv_invitations WHERE subject_kind = 'request' AND subject_id = @requestId", new { requestId });
    }
}
