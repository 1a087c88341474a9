using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Core.Files;

/// <summary>Renews this node's upload lease and removes the temporary files of uploads that no
/// live process owns: at start (so a restarted node clears what its killed uploads left at once)
/// and then every <see cref="UploadLease.RenewEvery"/>. A temporary file with an owner marker is an
/// orphan when <see cref="UploadLease.IsLive"/> says its owner is gone; one without a marker (left
/// by an older version) when nothing has been written to it for <see cref="StaleAfter"/>. Upload
/// keys older than <see cref="KeysKeptFor"/> are forgotten.</summary>
internal sealed class StaleUploadsSweep(IOptions<PortalOptions> options, UploadLease lease, IDb db, TimeProvider clock, ILogger<StaleUploadsSweep> logger) : ISweep
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public static readonly TimeSpan KeysKeptFor = TimeSpan.FromDays(2);

    public string Name => "files.stale-uploads";

    public TimeSpan Interval => UploadLease.RenewEvery;

    public async Task RunAsync(CancellationToken ct)
    {
        lease.Renew(force: true);
        var root = Path.Combine(options.Value.FullDataPath, "files");
        var removed = 0;
        var cutoff = clock.GetUtcNow().UtcDateTime - StaleAfter;
        var markerCutoff = clock.GetUtcNow().UtcDateTime - UploadLease.Expiry;
        foreach (var temp in Directory.EnumerateFiles(root, DiskFileStore.TempPattern, SearchOption.TopDirectoryOnly))
        {
            var marker = Path.ChangeExtension(temp, ".owner");
            var orphan = Read(marker) is { } owner ? !lease.IsLive(owner) : File.GetLastWriteTimeUtc(temp) < cutoff;
            if (!orphan || !TryDelete(temp)) continue;
            removed++;
            if (File.Exists(marker)) TryDelete(marker);
        }
        foreach (var marker in Directory.EnumerateFiles(root, DiskFileStore.MarkerPattern, SearchOption.TopDirectoryOnly))
        {
            // A marker whose temporary file is gone (removed above, or the process died around it);
            // a fresh one may be still being written by an upload that is starting.
            if (!File.Exists(Path.ChangeExtension(marker, ".tmp")) && File.GetLastWriteTimeUtc(marker) < markerCutoff
                && Read(marker) is { } owner && !lease.IsLive(owner)) TryDelete(marker);
        }
        if (removed > 0) logger.LogInformation("Removed {Count} unfinished upload(s) from the file store", removed);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM file_uploads WHERE created_at < @before",
            new { before = clock.GetUtcNow() - KeysKeptFor }, tx), ct);
    }

    private static string? Read(string marker)
    {
        try
        {
            return File.Exists(marker) ? File.ReadAllText(marker) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            // Another node removed it first, or it is still open: the next sweep tries again.
            return false;
        }
    }
}
