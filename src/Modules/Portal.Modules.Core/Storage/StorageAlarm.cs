using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Modules.Core.Storage;

/// <summary>What this node knows of its data disk. A write refused for lack of space raises the
/// alarm: it is logged once (critical) and staff pages show a banner, until the disk has room again
/// (checked at most every <see cref="RecheckEvery"/>, on the next look at the alarm), which is logged
/// too. Each refused request is not logged again: a full disk would otherwise fill the log.</summary>
public sealed class StorageAlarm(IOptions<PortalOptions> portal, IOptions<StorageOptions> options, TimeProvider clock, ILogger<StorageAlarm> logger)
{
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(15);

    private readonly Lock gate = new();
    private DateTimeOffset? raisedAt;
    private DateTimeOffset checkedAt;

    public string DataPath => portal.Value.FullDataPath;

    public double MinFreeMegabytes => options.Value.MinFreeMegabytes;

    /// <summary>Free space on the data folder's disk, in megabytes (null when it cannot be read).</summary>
    public double? FreeMegabytes()
    {
        try
        {
            var folder = Directory.Exists(DataPath) ? DataPath : Path.GetDirectoryName(DataPath)!;
            return new DriveInfo(folder).AvailableFreeSpace / 1048576.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public bool IsLow => FreeMegabytes() is { } free && free < MinFreeMegabytes;

    /// <summary>True while writes are being refused for lack of space.</summary>
    public bool IsRaised
    {
        get
        {
            bool recheck;
            lock (gate)
            {
                if (raisedAt is null) return false;
                recheck = clock.GetUtcNow() - checkedAt >= RecheckEvery;
                if (recheck) checkedAt = clock.GetUtcNow();
            }
            if (recheck && !IsLow) Clear();
            lock (gate) return raisedAt is not null;
        }
    }

    /// <summary>Records a write refused for lack of space; logs only the first of an episode.</summary>
    public void Raise(Exception exception, string where)
    {
        lock (gate)
        {
            checkedAt = clock.GetUtcNow();
            if (raisedAt is not null) return;
            raisedAt = checkedAt;
        }
        logger.LogCritical(exception,
            "The storage is full: a write was refused ({Where}). {Free} MB free on the disk of {DataPath}. Writes fail until space is freed; further refusals are not logged",
            where, FreeMegabytes()?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "?", DataPath);
    }

    private void Clear()
    {
        DateTimeOffset? since;
        lock (gate)
        {
            since = raisedAt;
            raisedAt = null;
        }
        if (since is not null) logger.LogWarning("The storage has room again ({Free} MB free); writes were refused since {Since:u}", FreeMegabytes(), since);
    }
}
