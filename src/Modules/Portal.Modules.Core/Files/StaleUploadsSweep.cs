using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Background;

namespace Portal.Modules.Core.Files;

/// <summary>Removes the temporary files of uploads that never finished (the process died while
/// streaming): sweeps run at start and then hourly. A temporary file is stale when nothing has
/// been written to it for <see cref="StaleAfter"/>; an upload in progress keeps writing, so it is
/// never touched, on this node or another sharing the store.</summary>
internal sealed class StaleUploadsSweep(IOptions<PortalOptions> options, TimeProvider clock, ILogger<StaleUploadsSweep> logger) : ISweep
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public string Name => "files.stale-uploads";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken ct)
    {
        var root = Path.Combine(options.Value.FullDataPath, "files");
        if (!Directory.Exists(root)) return Task.CompletedTask;
        var cutoff = clock.GetUtcNow().UtcDateTime - StaleAfter;
        var removed = 0;
        foreach (var temp in Directory.EnumerateFiles(root, DiskFileStore.TempPattern, SearchOption.TopDirectoryOnly))
        {
            if (File.GetLastWriteTimeUtc(temp) >= cutoff) continue;
            try
            {
                File.Delete(temp);
                removed++;
            }
            catch (IOException)
            {
                // Another node removed it first, or it is still open: the next sweep tries again.
            }
        }
        if (removed > 0) logger.LogInformation("Removed {Count} unfinished upload(s) from the file store", removed);
        return Task.CompletedTask;
    }
}
