using System.Net;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Feedback.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

public sealed partial class AnsweringTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AClosedRequestInvitesItsRequesterOnceAndEmailsTheLink(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        await CloseAsync(kit, 41, closing: 1);
        await CloseAsync(kit, 41, closing: 2);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE subject_kind = 'request' AND subject_id = 41"));
        var emails = await InvitationEmailsAsync(kit);
        var email = Assert.Single(emails);
        Assert.Contains("http://localhost:5000/Surveys/Answer/", email, StringComparison.Ordinal);
        var token = TokenIn(email);
        Assert.DoesNotContain(token, string.Join(" ", await kit.QueryAsync<string>("SELECT token_hash FROM sv_invitations")), StringComparison.Ordinal);
        var version = await kit.ScalarAsync<long>("""
            SELECT v.id FROM sv_template_versions v JOIN sv_templates t ON t.id = v.template_id WHERE t.purpose = 'request'
            """);
        Assert.Equal(version, await kit.ScalarAsync<long>("SELECT template_version_id FROM sv_invitations"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnsweringTheLinkStoresExactlyOneResponseAndThenSaysItIsAnswered(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var token = await InviteAsync(kit, "en");
        var browser = kit.App.Browser();
        var page = await OpenAsync(browser, token);
        Assert.Contains("Send my answers", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("fieldset legend"));
        var fields = await ValidAnswersAsync(kit);
        var sent = await browser.PostFormAsync(Link(token), fields);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var thanks = await SurveysWebKit.PageAsync(browser, sent.Headers.Location!.OriginalString);
        Assert.NotNull(thanks.QuerySelector("[data-testid=thanks]"));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses WHERE channel = 'web'"));
        Assert.Equal(4, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_answers WHERE rating = 4"));
        Assert.Equal("quick", await kit.ScalarAsync<string>("SELECT remark FROM sv_answers WHERE remark IS NOT NULL"));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE answered_at IS NOT NULL"));

        var again = await browser.PostFormAsync(Link(token), fields);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(SurveysWebKit.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("[data-testid=answered]"));
        Assert.NotNull((await OpenAsync(kit.App.Browser(), token)).QuerySelector("[data-testid=answered]"));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoSimultaneousSubmissionsStoreExactlyOneResponse(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var token = await InviteAsync(kit, "zh-CN");
        var first = kit.App.Browser();
        var second = kit.App.Browser();
        var a = await FormWithTokenAsync(kit, first, token);
        var b = await FormWithTokenAsync(kit, second, token);
        var results = await Task.WhenAll(
            first.PostAsync(Link(token), new FormUrlEncodedContent(a)),
            second.PostAsync(Link(token), new FormUrlEncodedContent(b)));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses"));
        Assert.Equal(5, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_answers"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnExpiredLinkShowsTheExpiredPageAndStoresNothing(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var token = await InviteAsync(kit, "zh-CN");
        var browser = kit.App.Browser();
        var fields = await FormWithTokenAsync(kit, browser, token);
        await kit.Db.WriteAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE sv_invitations SET expires_at = @past",
            new { past = DateTimeOffset.UtcNow.AddMinutes(-1) }, tx));
        var page = await SurveysWebKit.PageAsync(browser, Link(token));
        Assert.NotNull(page.QuerySelector("[data-testid=expired]"));
        Assert.Null(page.QuerySelector("[data-testid=answer-form]"));
        var posted = await browser.PostAsync(Link(token), new FormUrlEncodedContent(fields));
        Assert.NotNull(SurveysWebKit.Parse(await posted.Content.ReadAsStringAsync()).QuerySelector("[data-testid=expired]"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ATamperedOrUnknownTokenIsNotFound(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var token = await InviteAsync(kit, "zh-CN");
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];
        var browser = kit.App.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(Link(tampered))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(Link("not-a-token"))).StatusCode);
        Assert.NotNull((await OpenAsync(browser, token)).QuerySelector("[data-testid=answer-form]"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadAnswersComeBackWithErrorsAndTheEnteredAnswersAndNothingIsStored(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var token = await InviteAsync(kit, "en");
        var browser = kit.App.Browser();
        await OpenAsync(browser, token);
        var questions = await QuestionsAsync(kit);
        var foreign = await kit.ScalarAsync<long>("""
            SELECT MIN(q.id) FROM sv_questions q JOIN sv_template_versions v ON v.id = q.version_id JOIN sv_templates t ON t.id = v.template_id
            WHERE t.code = 'customer-satisfaction'
            """);
        var fields = new Dictionary<string, string>
        {
            [$"Answers[{questions[0]}]"] = "4",
            [$"Remarks[{questions[0]}]"] = "kept remark",
            [$"Answers[{questions[1]}]"] = "7",
            // questions[2] (required) left out
            [$"Answers[{questions[3]}]"] = "na",
            [$"Remarks[{questions[3]}]"] = new string('x', 2001),
            [$"Answers[{foreign}]"] = "5",
        };
        var response = await browser.PostFormAsync(Link(token), fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var errors = await SurveysWebKit.ErrorsAsync(response);
        Assert.Equal(4, errors.Length);
        Assert.Contains(errors, e => e.Contains("not in this survey", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("choose a rating from 5 to 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Please answer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("at most 2000 characters", StringComparison.Ordinal));
        var page = SurveysWebKit.Parse(html);
        Assert.True(page.QuerySelector($"#survey-q{questions[0]}-4")!.HasAttribute("checked"));
        Assert.True(page.QuerySelector($"#survey-q{questions[3]}-na")!.HasAttribute("checked"));
        Assert.Equal("kept remark", page.QuerySelector($"#survey-q{questions[0]}-remark")!.GetAttribute("value"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_responses"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_answers"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE answered_at IS NOT NULL"));

        var zh = kit.App.Browser();
        // No language chosen in this browser: the page and its errors follow the invitation's language.
        var chinese = await InviteAsync(kit, "zh-CN", requestId: 8);
        Assert.Contains("提交答复", (await OpenAsync(zh, chinese)).Body!.TextContent, StringComparison.Ordinal);
        var missing = await zh.PostFormAsync(Link(chinese), new Dictionary<string, string>());
        Assert.Contains(await SurveysWebKit.ErrorsAsync(missing), e => e.StartsWith("请回答“", StringComparison.Ordinal));
    }

    private static string Link(string token) => $"/Surveys/Answer/{token}";

    /// <summary>Opens the emailed link as a browser does: the first visit sets the language and comes back.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> OpenAsync(HttpClient browser, string token)
    {
        var first = await browser.GetAsync(Link(token));
        if (first.StatusCode != HttpStatusCode.Redirect) return SurveysWebKit.Parse(await first.Content.ReadAsStringAsync());
        return await SurveysWebKit.PageAsync(browser, first.Headers.Location!.OriginalString);
    }

    private static async Task CloseAsync(SurveysWebKit kit, long requestId, int closing = 1, string language = "zh-CN")
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new RequestClosed(requestId, $"FB-2026-{requestId:0000}", 1, 2,
            $"contact{requestId}@customer.example", language, "question", "VC", "staff", DateTimeOffset.UtcNow, closing));
    }

    private static async Task<string> InviteAsync(SurveysWebKit kit, string language, long requestId = 7)
    {
        await CloseAsync(kit, requestId, language: language);
        var email = (await InvitationEmailsAsync(kit)).Single(e => e.Contains($"FB-2026-{requestId:0000}", StringComparison.Ordinal));
        Assert.Contains("surveys.invitation", email, StringComparison.Ordinal);
        return TokenIn(email);
    }

    private static async Task<List<string>> InvitationEmailsAsync(SurveysWebKit kit) =>
        await kit.QueryAsync<string>("SELECT payload FROM outbox WHERE dedup_key LIKE 'surveys.invitation:%' ORDER BY id");

    private static string TokenIn(string email) => TokenPattern().Match(email).Groups[1].Value;

    [GeneratedRegex("/Surveys/Answer/([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();

    private static async Task<List<long>> QuestionsAsync(SurveysWebKit kit) =>
        await kit.QueryAsync<long>("""
            SELECT q.id FROM sv_questions q JOIN sv_invitations i ON i.template_version_id = q.version_id
            WHERE i.subject_id = 7 ORDER BY q.section_id, q.position
            """);

    private static async Task<Dictionary<string, string>> ValidAnswersAsync(SurveysWebKit kit)
    {
        var questions = await QuestionsAsync(kit);
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < 4; i++) fields[$"Answers[{questions[i]}]"] = "4";
        fields[$"Remarks[{questions[0]}]"] = "quick";
        fields[$"Answers[{questions[4]}]"] = "All good.";
        return fields;
    }

    private static async Task<Dictionary<string, string>> FormWithTokenAsync(SurveysWebKit kit, HttpClient browser, string token)
    {
        var fields = await ValidAnswersAsync(kit);
        var page = await OpenAsync(browser, token);
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return fields;
    }
}
