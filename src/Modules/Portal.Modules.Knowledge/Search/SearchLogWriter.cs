using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Drains the search log into the database.</summary>
internal sealed class SearchLogWriter(SearchLog log, IDb db, ILogger<SearchLogWriter> logger) : BackgroundService
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
                    logger.LogWarning(ex, "Search log entries could not be written");
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
