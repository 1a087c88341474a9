using System.Net;
using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Feedback.Team;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>/Feedback/Manage/Request/{id} and /Feedback/Manage/Reply/{id} over HTTP: every staff step,
/// two staff at once, complaints for service supervisors only, and what the customer never sees.</summary>
public sealed class StaffRequestTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static async Task<long> OutboxCountAsync(FeedbackWebKit kit, string dedupLike) =>
        await kit.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE @dedupLike", new { dedupLike });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffAssignNoteReplyChangeTheStatusEscalateCloseAndReopenAndTheCustomerSeesOnlyThePublicPart(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var (me, staff) = await StaffKit.StaffMemberAsync(kit, "engineer@portal.example");
        var (colleague, _) = await StaffKit.StaffMemberAsync(kit, "colleague@portal.example");
        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME")));

        var page = await staff.GetDocumentAsync(StaffKit.Page(id));
        Assert.Equal("ACME Ltd", page.QuerySelector("[data-testid=organisation]")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#assignee option[value='{colleague}']"));
        Assert.Null(page.QuerySelector("[data-testid=to-article]"));

        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(staff, id, "Assign", 1, new() { ["Assignee"] = "me" })).StatusCode);
        Assert.Equal(me, await kit.ScalarAsync<long>("SELECT assignee_id FROM fb_requests WHERE id = @id", new { id }));
        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(staff, id, "Assign", 2, new() { ["Assignee"] = colleague.ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);
        Assert.Equal(colleague, await kit.ScalarAsync<long>("SELECT assignee_id FROM fb_requests WHERE id = @id", new { id }));

        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.ReplyAsync(staff, id, 3, "SECRET-NOTE the customer runs an old driver", true, null, ("secret.log", [9]))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.ReplyAsync(staff, id, 4, "PUBLIC-ANSWER please send the log", false, "waiting")).StatusCode);
        Assert.Equal("waiting", await kit.ScalarAsync<string>("SELECT status FROM fb_requests WHERE id = @id", new { id }));
        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(staff, id, "Status", 5, new() { ["To"] = "in_progress" })).StatusCode);

        var missing = await StaffKit.StepAsync(staff, id, "Escalate", 6, new() { ["Reason"] = "  " });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("请填写升级原因", (await StaffKit.DocumentAsync(missing)).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(staff, id, "Escalate", 6, new() { ["Reason"] = "ESCALATION-REASON needs the driver team" })).StatusCode);
        Assert.Equal(2, await kit.ScalarAsync<long>("SELECT tier FROM fb_requests WHERE id = @id", new { id }));

        page = await staff.GetDocumentAsync(StaffKit.Page(id));
        var timeline = page.QuerySelector("[data-testid=timeline]")!.TextContent;
        Assert.Contains("SECRET-NOTE", timeline, StringComparison.Ordinal);
        Assert.Contains("secret.log", timeline, StringComparison.Ordinal);
        Assert.Contains("ESCALATION-REASON", page.QuerySelector("[data-testid=entry-escalated] [data-testid=reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("第 1 层升级到第 2 层", page.QuerySelector("[data-testid=entry-escalated]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("专职维护团队", page.QuerySelector("[data-testid=staff-facts] [data-testid=tier]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(staff, id, "Status", 7, new() { ["To"] = "closed" })).StatusCode);
        page = await staff.GetDocumentAsync(StaffKit.Page(id));
        Assert.Equal($"/Feedback/Manage/ToArticle/{id}", page.QuerySelector("[data-testid=to-article]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(staff, id, "Reopen", 8)).StatusCode);
        Assert.Equal("reopened", await kit.ScalarAsync<string>("SELECT status FROM fb_requests WHERE id = @id", new { id }));

        var html = await (await customer.GetAsync($"/Feedback/Request/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("PUBLIC-ANSWER", html, StringComparison.Ordinal);
        foreach (var secret in new[] { "SECRET-NOTE", "secret.log", "ESCALATION-REASON", "entry-escalated" })
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        var outbox = await kit.OutboxPayloadsAsync();
        Assert.DoesNotContain(outbox, p => p.Contains("SECRET-NOTE", StringComparison.Ordinal) || p.Contains("ESCALATION-REASON", StringComparison.Ordinal));
        Assert.Contains(outbox, p => p.Contains("PUBLIC-ANSWER", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangingTheSeverityRecomputesTheTargetsFromNowWithoutEmailingTheCustomer(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (organisation, customer) = await kit.CustomerAsync("ACME");
        var (_, staff) = await StaffKit.StaffMemberAsync(kit, "engineer@portal.example");
        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME", severity: 4)));
        var before = await kit.ScalarAsync<long>("SELECT COUNT(*) FROM outbox");
        SlaTarget target;
        await using (var scope = kit.App.Services.CreateAsyncScope())
            target = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SlaTargets(organisation, "KMS-ACME", 1, DateTimeOffset.UtcNow));

        var changedAt = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(staff, id, "Severity", 1, new() { ["Severity"] = "1" })).StatusCode);

        await using (var c = await kit.Db.OpenAsync())
        {
            var row = await c.QuerySingleAsync<(long Severity, DateTimeOffset RespondDue, DateTimeOffset NextDue)>(
                "SELECT severity, respond_due_at, next_due_at FROM fb_requests WHERE id = @id", new { id });
            Assert.Equal(1, row.Severity);
            Assert.InRange(row.RespondDue, changedAt + target.Respond - TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow + target.Respond);
            Assert.Equal(row.RespondDue, row.NextDue);
        }
        Assert.Equal(before, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM outbox"));
        var page = await staff.GetDocumentAsync(StaffKit.Page(id));
        Assert.Contains("一级", page.QuerySelector("[data-testid=entry-severity]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await StaffKit.StepAsync(staff, id, "Severity", 2, new() { ["Severity"] = "7" })).StatusCode);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT severity FROM fb_requests WHERE id = @id", new { id }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoStaffAtOnceTheSecondIsToldAndKeepsTheTypedTextAndNothingIsOverwritten(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var (first, one) = await StaffKit.StaffMemberAsync(kit, "one@portal.example");
        var (_, two) = await StaffKit.StaffMemberAsync(kit, "two@portal.example");
        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME")));
        var seen = await StaffKit.RowVersionAsync(kit, id);

        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(one, id, "Assign", seen, new() { ["Assignee"] = "me" })).StatusCode);
        var reply = await StaffKit.ReplyAsync(two, id, seen, "TYPED-BY-TWO we are on it", false);
        var status = await StaffKit.StepAsync(two, id, "Status", seen, new() { ["To"] = "proposed" });
        var assign = await StaffKit.StepAsync(two, id, "Assign", seen, new() { ["Assignee"] = "me" });

        Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);
        var document = await StaffKit.DocumentAsync(reply);
        Assert.Contains("其他人修改了此请求", document.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("TYPED-BY-TWO we are on it", document.QuerySelector("textarea[name=Text]")!.TextContent);
        Assert.Equal((seen + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), document.QuerySelector("input[name=RowVersion]")!.GetAttribute("value"));
        Assert.Contains("one", document.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
        foreach (var refused in new[] { status, assign })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("其他人修改了此请求", (await StaffKit.DocumentAsync(refused)).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        }
        Assert.Equal(first, await kit.ScalarAsync<long>("SELECT assignee_id FROM fb_requests WHERE id = @id", new { id }));
        Assert.Equal("new", await kit.ScalarAsync<string>("SELECT status FROM fb_requests WHERE id = @id", new { id }));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_events WHERE body LIKE '%TYPED-BY-TWO%'"));
        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.ReplyAsync(two, id, seen + 1, "TYPED-BY-TWO we are on it", false)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WhileNobodyIsAServiceSupervisorComplaintsGoToTheAdministrators(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        await StaffKit.StaffMemberAsync(kit, "engineer@portal.example");
        await StaffKit.AdminAsync(kit);
        var complaint = FeedbackWebKit.Problem("KMS-ACME", "COMPLAINT nobody called back");
        complaint["Input.Type"] = "complaint";
        complaint.Remove("Input.Severity");
        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, complaint));

        await using (var scope = kit.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new ComplaintSubmitted(id));
        var emails = (await kit.OutboxPayloadsAsync()).Where(p => p.Contains("feedback.complaint", StringComparison.Ordinal)).ToList();
        Assert.Single(emails);
        Assert.Contains("admin@portal.example", emails[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ComplaintsAreForServiceSupervisorsWhoAreEmailedAndHiddenFromOtherStaff(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var (_, plain) = await StaffKit.StaffMemberAsync(kit, "engineer@portal.example");
        var (supervisorId, supervisor) = await StaffKit.StaffMemberAsync(kit, "supervisor@portal.example", supervisor: true, language: "en");
        var complaint = FeedbackWebKit.Problem("KMS-ACME", "COMPLAINT nobody called back");
        complaint["Input.Type"] = "complaint";
        complaint.Remove("Input.Severity");
        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, complaint));
        var problem = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME")));

        Assert.Equal(1, await OutboxCountAsync(kit, $"feedback.complaint:{id}"));
        await using (var scope = kit.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new ComplaintSubmitted(id));
        Assert.Equal(1, await OutboxCountAsync(kit, $"feedback.complaint:{id}:%"));
        var email = (await kit.OutboxPayloadsAsync()).Single(p => p.Contains("feedback.complaint", StringComparison.Ordinal) && p.Contains("supervisor@", StringComparison.Ordinal));
        Assert.Contains("\"en\"", email, StringComparison.Ordinal);
        Assert.Contains($"/Feedback/Manage/Request/{id}", email, StringComparison.Ordinal);
        Assert.DoesNotContain(await kit.OutboxPayloadsAsync(), p => p.Contains("feedback.complaint", StringComparison.Ordinal) && p.Contains("engineer@", StringComparison.Ordinal));

        var plainQueue = await plain.GetDocumentAsync("/Feedback/Manage?status=all");
        Assert.DoesNotContain("COMPLAINT", plainQueue.QuerySelector("main")?.TextContent ?? plainQueue.Body!.TextContent, StringComparison.Ordinal);
        Assert.Single(plainQueue.QuerySelectorAll("[data-testid=queue] tbody tr"));
        Assert.NotNull((await plain.GetDocumentAsync("/Feedback/Manage?type=complaint")).QuerySelector("[data-testid=empty]"));
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync(StaffKit.Page(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync($"/Feedback/Manage/Reply/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StaffKit.StepAsync(plain, id, "Assign", 1, new() { ["Assignee"] = "me" }, StaffKit.Page(problem))).StatusCode);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests WHERE assignee_id IS NOT NULL"));

        Assert.Equal(2, (await supervisor.GetDocumentAsync("/Feedback/Manage")).QuerySelectorAll("[data-testid=queue] tbody tr").Length);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(StaffKit.Page(id))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffKit.StepAsync(supervisor, id, "Assign", 1, new() { ["Assignee"] = "me" })).StatusCode);
        Assert.Equal(supervisorId, await kit.ScalarAsync<long>("SELECT assignee_id FROM fb_requests WHERE id = @id", new { id }));
    }
}
