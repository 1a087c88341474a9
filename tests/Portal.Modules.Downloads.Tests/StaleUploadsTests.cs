using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Background;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

/// <summary>Unfinished uploads (the process died while streaming) are removed when sweeps run at
/// start; an upload still being written, and stored files, are left alone.</summary>
public sealed class StaleUploadsTests
{
    [Fact]
    public async Task Stale_temporary_files_are_removed_and_everything_else_kept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kit = await DownloadsTestKit.StartAsync("sqlite", clock);
        var root = Path.Combine(kit.Database.DataPath, "files");
        Directory.CreateDirectory(Path.Combine(root, "ab"));
        var stale = Path.Combine(root, ".upload-0123456789abcdef0123456789abcdef.tmp");
        var active = Path.Combine(root, ".upload-fedcba9876543210fedcba9876543210.tmp");
        var stored = Path.Combine(root, "ab", "ab23456789abcdef0123456789abcdef");
        foreach (var path in new[] { stale, active, stored }) await File.WriteAllTextAsync(path, "x");
        File.SetLastWriteTimeUtc(stale, clock.GetUtcNow().UtcDateTime.AddHours(-2));
        File.SetLastWriteTimeUtc(active, clock.GetUtcNow().UtcDateTime.AddMinutes(-5));
        File.SetLastWriteTimeUtc(stored, clock.GetUtcNow().UtcDateTime.AddDays(-30));

        await using (var scope = kit.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetServices<ISweep>().Single(s => s.Name == "files.stale-uploads").RunAsync(default);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(active));
        Assert.True(File.Exists(stored));
    }
}
