using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Core.Storage;

namespace Portal.Modules.Core.Background;

/// <summary>The one hosted service: runs the outbox dispatcher whenever a commit signals or the
/// poll interval passes, and each module's sweeps on their own intervals.</summary>
public sealed class BackgroundWorker(
    IServiceScopeFactory scopes, OutboxDispatcher dispatcher, OutboxSignal signal, TimeProvider clock,
    IOptions<OutboxOptions> options, StorageAlarm storage, ILogger<BackgroundWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, DateTimeOffset> lastRun = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ReleaseOwnClaimsAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
                await RunDueSweepsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (StorageFull.Is(ex))
            {
                storage.Raise(ex, "background work");
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Background work failed; retrying at the next interval");
            }
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    // Before the first claim: what this node held when it last stopped is due again at once.
    private async Task ReleaseOwnClaimsAsync(CancellationToken ct)
    {
        try
        {
            await dispatcher.ReleaseOwnClaimsAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Could not take back this node's earlier outbox claims; they wait out their lease");
        }
    }

    private async Task RunDueSweepsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var sweep in scope.ServiceProvider.GetServices<ISweep>())
        {
            var now = clock.GetUtcNow();
            if (lastRun.TryGetValue(sweep.Name, out var last) && now - last < sweep.Interval) continue;
            lastRun[sweep.Name] = now;
            try
            {
                await sweep.RunAsync(ct);
            }
            catch (Exception ex) when (StorageFull.Is(ex))
            {
                storage.Raise(ex, $"sweep {sweep.Name}");
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogError(ex, "Sweep {Sweep} failed", sweep.Name);
            }
        }
    }
}
