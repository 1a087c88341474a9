using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Feedback.Requests;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

public sealed class ArticleFromCaseTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffTurnAClosedProblemIntoOneDraftKnownIssueLinkedBothWaysWithoutInternalNotes(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME", "Search returns nothing after upgrade")));
        var staff = await kit.StaffAsync();
        var url = $"/Feedback/Manage/ToArticle/{id}";

        Assert.NotNull((await staff.GetDocumentAsync(url)).QuerySelector("[data-testid=not-closed]"));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostFormAsync(url, new() { ["Input.Title"] = "x", ["Input.Body"] = "y" }, url)).StatusCode);
        await CloseWithSolutionAsync(kit, id);

        var form = await staff.GetDocumentAsync(url + "?lang=en");
        var body = form.QuerySelector("textarea[name='Input.Body']")!.TextContent;
        Assert.Contains("**Nothing** works since 9:00.", body, StringComparison.Ordinal);
        Assert.Contains("PUBLIC-FIX rebuild the index", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-NOTE", form.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("Search returns nothing after upgrade", form.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal("8.5.2", form.QuerySelector("input[name='Input.Versions']")!.GetAttribute("value"));

        var empty = await staff.PostFormAsync(url, new() { ["Input.Lang"] = "en", ["Input.Title"] = "", ["Input.Body"] = body }, url);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(0L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_articles"));

        var created = await staff.PostFormAsync(url, new() { ["Input.Lang"] = "en", ["Input.Title"] = "Search empty after upgrade to 8.5.2", ["Input.Body"] = body, ["Input.Versions"] = "8.5.2" }, url);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var articleId = await kit.ScalarAsync<long>("SELECT id FROM kb_articles");
        Assert.Equal($"/Knowledge/Manage/Edit?id={articleId}", created.Headers.Location!.OriginalString);
        Assert.Equal("draft|known-issue|KMS-ACME|customers|en", await kit.ScalarAsync<string>(
            "SELECT status || '|' || type || '|' || products || '|' || visibility || '|' || lang FROM kb_articles"));
        var editor = await staff.GetDocumentAsync(created.Headers.Location.OriginalString);
        var source = editor.QuerySelector("[data-testid=article-source] a")!;
        Assert.Equal($"/Feedback/Manage/Request/{id}", source.GetAttribute("href"));
        Assert.StartsWith("FB-", source.TextContent, StringComparison.Ordinal);

        var again = await staff.GetDocumentAsync(url);
        Assert.Equal(created.Headers.Location.OriginalString, again.QuerySelector("[data-testid=article-link]")!.GetAttribute("href"));
        Assert.Null(again.QuerySelector("[data-testid=article-form]"));
        Assert.Equal(1L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_events WHERE kind = 'article' AND internal = @True", new { True = true }));
        Assert.DoesNotContain("Search empty after upgrade", await (await customer.GetAsync($"/Feedback/Request/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyStaffReachItAndOnlyForProblems(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var problem = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME")));
        var suggestion = FeedbackWebKit.Problem("KMS-ACME", "Please add dark mode");
        suggestion["Input.Type"] = "suggestion";
        var idea = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, suggestion));
        var staff = await kit.StaffAsync();

        var refused = await customer.GetAsync($"/Feedback/Manage/ToArticle/{problem}");
        Assert.Contains("/Error/403", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await kit.App.Browser().GetAsync($"/Feedback/Manage/ToArticle/{problem}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Feedback/Manage/ToArticle/{idea}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Feedback/Manage/ToArticle/999999")).StatusCode);
    }

    private static async Task CloseWithSolutionAsync(FeedbackWebKit kit, long id)
    {
        var engineer = new Actor(999, "Engineer", true);
        await using var scope = kit.App.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        Assert.Equal(WorkflowOutcome.Done, await workflow.StaffReplyAsync(id, 1, engineer, "SECRET-NOTE customer config is odd", true, null, [], default));
        Assert.Equal(WorkflowOutcome.Done, await workflow.StaffReplyAsync(id, 2, engineer, "PUBLIC-FIX rebuild the index", false, RequestVocabulary.Proposed, [], default));
        Assert.Equal(WorkflowOutcome.Done, await workflow.ChangeStatusAsync(id, 3, engineer, RequestVocabulary.Closed, default));
    }
}
