using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Core.Data;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Sla;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The lifecycle on the module's services with a fake clock: auto-close after a month,
/// the reopening window, the paused clock, and two staff acting at once.</summary>
public sealed class ClosingTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly Actor Engineer = new(900, "Engineer", true);
    private static readonly Actor Customer = new(1, "Customer", false);

    private static async Task<long> CreateAsync(IServiceProvider services, FakeTimeProvider clock)
    {
        await using var scope = services.CreateAsyncScope();
        var plan = new SlaPlan(true, "premium", false, clock.GetUtcNow().AddHours(8), clock.GetUtcNow().AddHours(48));
        var row = await scope.ServiceProvider.GetRequiredService<RequestWorkflow>().CreateAsync(
            new NewRequest(1, Customer, "c@acme.example", "en", "", RequestVocabulary.Problem, "KMS", "8.5.2", 2, "Search down", "Nothing works"), plan, [], default);
        return row.Id;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnUnassignedRequestClosedByStaffNamesThemAsTheEngineerForTheSurvey(string provider)
    {
        await using var kit = await WorkflowKit.StartAsync(provider);
        var id = await CreateAsync(kit.Services, kit.Clock);
        await kit.WorkAsync(w => w.ChangeStatusAsync(id, 1, Engineer, RequestVocabulary.Closed, default));
        await using var c = await kit.Services.GetRequiredService<IDb>().OpenAsync();
        var payload = await c.ExecuteScalarAsync<string>("SELECT payload FROM outbox WHERE dedup_key LIKE 'feedback.closed:%'");
        Assert.Contains($"\"assigneeName\":\"{Engineer.Name}\"", payload, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnUnansweredSolutionClosesAfterAMonthEmailsTheCustomerAndMayBeReopenedForAnotherMonth(string provider)
    {
        await using var kit = await WorkflowKit.StartAsync(provider);
        var (services, clock) = (kit.Services, kit.Clock);
        var id = await CreateAsync(services, clock);
        var other = await CreateAsync(services, clock);
        await kit.WorkAsync(w => w.ChangeStatusAsync(id, 1, Engineer, RequestVocabulary.Proposed, default));
        await kit.WorkAsync(w => w.ChangeStatusAsync(other, 1, Engineer, RequestVocabulary.Proposed, default));

        clock.Advance(TimeSpan.FromDays(20));
        await kit.WorkAsync(w => w.CustomerReplyAsync(other, Customer, "Still broken", [], default));
        clock.Advance(TimeSpan.FromDays(10));
        await kit.SweepAsync("feedback.auto-close");
        Assert.Equal(RequestVocabulary.Proposed, (await kit.RowAsync(id)).Status);

        clock.Advance(TimeSpan.FromDays(2));
        await kit.SweepAsync("feedback.auto-close");
        await kit.SweepAsync("feedback.auto-close");
        var closed = await kit.RowAsync(id);
        Assert.Equal(RequestVocabulary.Closed, closed.Status);
        Assert.Equal("auto", closed.CloseReason);
        Assert.Equal(RequestVocabulary.InProgress, (await kit.RowAsync(other)).Status);
        await using (var c = await services.GetRequiredService<IDb>().OpenAsync())
        {
            Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE 'feedback.auto-closed:%'"));
            Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE 'feedback.closed:%'"));
        }

        clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(WorkflowOutcome.Done, await kit.WorkAsync(w => w.ReopenAsync(id, Customer, default)));
        Assert.Equal(RequestVocabulary.Reopened, (await kit.RowAsync(id)).Status);

        var late = await CreateAsync(services, clock);
        await kit.WorkAsync(w => w.ChangeStatusAsync(late, 1, Engineer, RequestVocabulary.Proposed, default));
        Assert.Equal(WorkflowOutcome.Done, await kit.WorkAsync(w => w.ConfirmAsync(late, Customer, default)));
        clock.Advance(TimeSpan.FromDays(32));
        Assert.Equal(WorkflowOutcome.Closed, await kit.WorkAsync(w => w.ReopenAsync(late, Customer, default)));
        Assert.Equal(WorkflowOutcome.Closed, await kit.WorkAsync(w => w.CustomerReplyAsync(late, Customer, "hello?", [], default)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheResolutionClockPausesWhileWaitingOnTheCustomer(string provider)
    {
        await using var kit = await WorkflowKit.StartAsync(provider);
        var (services, clock) = (kit.Services, kit.Clock);
        var id = await CreateAsync(services, clock);
        var due = (await kit.RowAsync(id)).ResolveDueAt!.Value;

        clock.Advance(TimeSpan.FromHours(10));
        await kit.WorkAsync(w => w.StaffReplyAsync(id, 1, Engineer, "Please send the log", false, RequestVocabulary.Waiting, [], default));
        var waiting = await kit.RowAsync(id);
        Assert.Null(waiting.ResolveDueAt);
        Assert.Null(waiting.NextDueAt);

        clock.Advance(TimeSpan.FromHours(30));
        await kit.WorkAsync(w => w.CustomerReplyAsync(id, Customer, "Here it is", [], default));
        var resumed = await kit.RowAsync(id);
        Assert.Equal(RequestVocabulary.InProgress, resumed.Status);
        Assert.Equal(due.AddHours(30), resumed.ResolveDueAt);
        Assert.Equal(resumed.ResolveDueAt, resumed.NextDueAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoStaffActingOnOneRequestAtOnceTheSecondIsRefusedAndNothingIsOverwritten(string provider)
    {
        await using var kit = await WorkflowKit.StartAsync(provider);
        var (services, clock) = (kit.Services, kit.Clock);
        var id = await CreateAsync(services, clock);

        Assert.Equal(WorkflowOutcome.Done, await kit.WorkAsync(w => w.AssignAsync(id, 1, Engineer, 900, "Engineer", default)));
        Assert.Equal(WorkflowOutcome.Conflict, await kit.WorkAsync(w => w.AssignAsync(id, 1, new Actor(901, "Other", true), 901, "Other", default)));
        Assert.Equal(WorkflowOutcome.Conflict, await kit.WorkAsync(w => w.ChangeStatusAsync(id, 1, Engineer, RequestVocabulary.Closed, default)));

        var row = await kit.RowAsync(id);
        Assert.Equal(900, row.AssigneeId);
        Assert.Equal(RequestVocabulary.New, row.Status);
        Assert.Equal(2, row.RowVersion);
    }
}
