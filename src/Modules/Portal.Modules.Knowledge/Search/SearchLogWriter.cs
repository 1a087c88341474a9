using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Storage;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Drains the search log into the database.</summary>
internal sealed class SearchLogWriter(SearchLog log, IDb db, StorageAlarm storage, ILogger<SearchLogWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await log.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    while (await log.FlushAsync(db, stoppingToken) > 0)
                    {
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The batch is dropped: the log serves statistics, and searches never wait for it.
                    if (StorageFull.Is(ex)) storage.Raise(ex, "search log");
                    else logger.LogWarning(ex, "Search log entries could not be written and were dropped");
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
