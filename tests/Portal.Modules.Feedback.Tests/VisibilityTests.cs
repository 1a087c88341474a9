using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Feedback.Requests;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

public sealed class VisibilityTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AContactSeesOwnRequestsTheAdministratorTheOrganisationsAndAnotherOrganisationNothing(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (acme, first) = await kit.CustomerAsync("ACME");
        var colleague = await kit.ContactAsync(acme, "colleague@acme.example");
        var admin = await kit.ContactAsync(acme, "admin@acme.example", admin: true);
        var (_, stranger) = await kit.CustomerAsync("OTHER");
        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(first, FeedbackWebKit.Problem("KMS-ACME"), ("log.txt", [7])));
        var attachment = await kit.ScalarAsync<long>("SELECT id FROM fb_attachments");

        Assert.Single((await first.GetDocumentAsync("/Feedback")).QuerySelectorAll("[data-testid=requests] tbody tr"));
        Assert.NotNull((await colleague.GetDocumentAsync("/Feedback")).QuerySelector("[data-testid=empty]"));
        Assert.Single((await admin.GetDocumentAsync("/Feedback")).QuerySelectorAll("[data-testid=requests] tbody tr"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Feedback/Request/{id}")).StatusCode);
        foreach (var other in new[] { colleague, stranger })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Feedback/Request/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Feedback/Reply/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Feedback/Attachment/{attachment}")).StatusCode);
        }
        Assert.NotNull((await stranger.GetDocumentAsync("/Feedback")).QuerySelector("[data-testid=empty]"));
        Assert.Equal(HttpStatusCode.Redirect, (await kit.App.Browser().GetAsync($"/Feedback/Attachment/{attachment}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InternalNotesNeverReachTheCustomersPagesFilesOrEmails(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME")));
        var staff = new Actor(999, "Engineer", true);
        await using (var scope = kit.App.Services.CreateAsyncScope())
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
            var staged = await scope.ServiceProvider.GetRequiredService<Attachments.AttachmentStager>().StageAsync("secret.log", new MemoryStream([9]), null, default);
            Assert.Equal(WorkflowOutcome.Done, await workflow.StaffReplyAsync(id, 1, staff, "SECRET-NOTE customer is difficult", true, RequestVocabulary.Waiting, [staged.File!], default));
            Assert.Equal(WorkflowOutcome.Done, await workflow.StaffReplyAsync(id, 2, staff, "PUBLIC-ANSWER please restart", false, null, [], default));
        }
        var internalFile = await kit.ScalarAsync<long>("SELECT id FROM fb_attachments WHERE internal = @True", new { True = true });

        var html = await (await customer.GetAsync($"/Feedback/Request/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET-NOTE", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret.log", html, StringComparison.Ordinal);
        Assert.Contains("PUBLIC-ANSWER", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Feedback/Attachment/{internalFile}")).StatusCode);
        var outbox = await kit.OutboxPayloadsAsync();
        Assert.DoesNotContain(outbox, p => p.Contains("SECRET-NOTE", StringComparison.Ordinal));
        Assert.Contains(outbox, p => p.Contains("PUBLIC-ANSWER", StringComparison.Ordinal));
    }
}
