using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Builds the index at start when it is missing or unreadable (in the background: the site
/// serves meanwhile), applies changed keys as they arrive, and catches up with changes made on
/// other nodes every <see cref="SearchOptions.CatchUpInterval"/>.</summary>
internal sealed class SearchIndexWorker(
    ISearchIndexMaintainer maintainer, SearchIndexer indexer, TimeProvider clock, IOptions<SearchOptions> options,
    ILogger<SearchIndexWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        var nextCatchUp = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextCatchUp)
                {
                    nextCatchUp = clock.GetUtcNow() + settings.CatchUpInterval;
                    await maintainer.EnsureCurrentAsync(stoppingToken);
                }
                if (indexer.HasPending)
                {
                    await Task.Delay(settings.CoalesceDelay, stoppingToken);
                    await maintainer.ApplyPendingAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (SearchIndexLockedException ex)
            {
                logger.LogCritical(ex, "Search index unavailable: {Reason} Retrying in 30 s", ex.Message);
                nextCatchUp = clock.GetUtcNow() + TimeSpan.FromSeconds(30);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Search index upkeep failed; retrying");
                nextCatchUp = clock.GetUtcNow() + TimeSpan.FromSeconds(5);
            }
            try
            {
                var wait = nextCatchUp - clock.GetUtcNow();
                if (indexer.HasPending) continue;
                await indexer.WaitAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
