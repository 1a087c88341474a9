using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Accounts;
using Portal.Modules.Core.Background;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Notifications;
using Portal.Modules.ServiceContracts;
using Portal.Testing;
using Portal.Web;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The module's services (no HTTP) on a test database with a fake clock that starts on Monday
/// 2 March 2026, 10:00 in Shanghai, and service time counted in clock hours (<see cref="ClockHours"/>):
/// for tests of the workflow and its sweeps.</summary>
internal sealed class WorkflowKit : IAsyncDisposable
{
    private WorkflowKit(TestDatabase db, ServiceProvider services, FakeTimeProvider clock) => (Db, Services, Clock) = (db, services, clock);

    public TestDatabase Db { get; }
    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }

    public static async Task<WorkflowKit> StartAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var database = await TestDatabase.CreateAsync(provider);
        var services = await TestServices.BuildAsync(database, (s, _) =>
        {
            s.AddNotificationsModule().AddAccountsModule().AddServiceContractsModule().AddFeedbackModule().AddPortalWeb();
            s.TryAddSingleton<IServiceClock, ClockHours>();
        }, clock: clock);
        return new WorkflowKit(database, services, clock);
    }

    public async Task<T> WorkAsync<T>(Func<RequestWorkflow, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RequestWorkflow>());
    }

    public async Task<RequestRow> RowAsync(long id)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<RequestQueries>().RequestAsync(id, default))!;
    }

    /// <summary>Runs the named sweep once, as its timer would.</summary>
    public async Task SweepAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        foreach (var sweep in scope.ServiceProvider.GetServices<ISweep>().Where(s => s.Name == name)) await sweep.RunAsync(default);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Db.DisposeAsync();
    }
}
