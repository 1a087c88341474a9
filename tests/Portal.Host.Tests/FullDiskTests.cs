using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Host.Tests;

/// <summary>The data folder on a small disk of its own (PORTAL_TEST_SMALL_DISK, a tmpfs that
/// ./test.sh mounts), filled to the last byte while the portal runs.</summary>
[Collection(nameof(SmallDisk))]
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private const string Article = "/Knowledge/Articles/zh/auto-close-rule";
    private const string Password = "Full-disk-test-1";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task While_the_disk_is_full_reads_work_writes_answer_507_health_says_so_and_all_recovers_when_freed(string provider)
    {
        if (SmallDisk.NewFolder() is not { } data) return;
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>
        {
            ["Portal:DataPath"] = data,
            ["Portal:Storage:MinFreeMegabytes"] = "1",
            ["Accounts:Sessions:TouchEvery"] = "00:00:00", // every signed-in request writes "last seen"
        };
        // Pooled, as the portal runs: an unpooled SQLite connection recreates the WAL index file
        // at each open, which a full disk refuses even for a read.
        if (provider == "sqlite") settings["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(data, "portal.db")};Pooling=True";
        await using var app = await PortalWebApp.StartAsync(provider, settings, s => s.AddSingleton<ILoggerProvider>(logs));
        await app.CreateUserAsync("staff@portal.example", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("staff@portal.example", Password);
        var anonymous = app.Browser();
        var release = await CreateReleaseAsync(staff);
        var uploadForm = await staff.GetAsync($"/Downloads/Manage/Upload/{release}");
        Assert.Equal(HttpStatusCode.OK, uploadForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Knowledge/Search?q=自动关闭")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);

        var storedBefore = StoredFiles(data);
        var votesBefore = await VotesAsync(app);
        int acknowledgedVotes = 0, refusedVotes = 0;
        using (SmallDisk.Fill(data))
        {
            var upload = await staff.PostFileAsync($"/Downloads/Manage/Upload/{release}", "file", "patch.zip", new byte[3_000_000]);
            Assert.Equal(HttpStatusCode.InsufficientStorage, upload.StatusCode);
            var message = await upload.Content.ReadAsStringAsync();
            Assert.Contains("存储空间已满", message, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
            Assert.Equal(storedBefore, StoredFiles(data));
            Assert.Equal(0, await FilesOfAsync(app, release));

            // Votes until the database refuses one (SQLite shares the full disk; PostgreSQL keeps its data
            // elsewhere and takes them all): each is acknowledged and kept, or refused with 507.
            for (var i = 0; i < 300 && refusedVotes == 0; i++)
            {
                var vote = await app.Browser().PostFormAsync(Article + "?handler=Vote", new() { ["Vote.Helpful"] = "true" }, Article);
                if (vote.StatusCode == HttpStatusCode.Redirect) acknowledgedVotes++;
                else if (vote.StatusCode == HttpStatusCode.InsufficientStorage) refusedVotes++;
                else Assert.Fail($"vote {i + 1}: {(int)vote.StatusCode}");
                if (provider == "postgres" && i == 20) break;
            }
            Assert.Equal(provider == "sqlite" ? 1 : 0, refusedVotes);

            for (var i = 0; i < 20; i++)
            {
                var page = await anonymous.GetAsync(Article);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"article, request {i + 1}: {(int)page.StatusCode}\n{string.Join('\n', logs.Entries)}");
                var signedIn = await staff.GetAsync(Article);
                Assert.True(signedIn.StatusCode == HttpStatusCode.OK, $"article signed in, request {i + 1}: {(int)signedIn.StatusCode}");
                Assert.Contains("data-testid=\"storage-full\"", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal); // staff see the alarm
                var search = await anonymous.GetAsync("/Knowledge/Search?q=自动关闭");
                Assert.True(search.StatusCode == HttpStatusCode.OK, $"search page, request {i + 1}: {(int)search.StatusCode}");
                Assert.Contains("auto-close-rule", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                var api = await anonymous.GetAsync("/api/search?q=closed");
                Assert.True(api.StatusCode == HttpStatusCode.OK, $"search API, request {i + 1}: {(int)api.StatusCode}");
            }

            output.WriteLine($"{provider}, disk full: 20/20 article pages (anonymous and signed in), 20/20 search pages, 20/20 search API; " +
                $"{acknowledgedVotes} votes acknowledged, {refusedVotes} refused with 507; upload refused with 507");
            var health = await anonymous.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("storage low", report.GetProperty("status").GetString());
            Assert.True(report.GetProperty("storage").GetProperty("freeMegabytes").GetDouble() < 1);
            // SQLite may still fit a one-row write into its log file; HealthTests covers a refused write.
            if (provider == "postgres") Assert.Equal("ok", report.GetProperty("databaseWrite").GetString());
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz/live")).StatusCode);
        }

        Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("storage is full", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error && e.Message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));

        var healthy = await anonymous.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var stored = await staff.PostFileAsync($"/Downloads/Manage/Upload/{release}", "file", "patch.zip", new byte[300_000]);
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        Assert.Equal(1, await FilesOfAsync(app, release));
        Assert.Equal(votesBefore + acknowledgedVotes, await VotesAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Article)).StatusCode);
    }

    /// <summary>Every file in the store, temporary ones included.</summary>
    private static string[] StoredFiles(string data) =>
        [.. Directory.EnumerateFiles(Path.Combine(data, "files"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(data, f)).Order()];

    private static async Task<long> CreateReleaseAsync(HttpClient staff)
    {
        var created = await staff.PostFormAsync("/Downloads/Manage/Edit", new()
        {
            ["Input.ProductCode"] = "KMS", ["Input.Version"] = "8.5.0", ["Input.Kind"] = "patch", ["Input.Severity"] = "critical",
            ["Input.TitleZh"] = "KMS 8.5.0 补丁", ["Input.TitleEn"] = "KMS 8.5.0 patch", ["Input.NotesZh"] = "修复", ["Input.NotesEn"] = "Fixes",
            ["Input.AppliesTo"] = ">=8.0.0 <8.5.0",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return long.Parse(created.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<long> VotesAsync(PortalWebApp app) => CountAsync(app, "SELECT COUNT(*) FROM kb_votes", null);

    private static Task<long> FilesOfAsync(PortalWebApp app, long release) =>
        CountAsync(app, "SELECT COUNT(*) FROM dl_files WHERE release_id = @release", new { release });

    private static async Task<long> CountAsync(PortalWebApp app, string sql, object? parameters)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql, parameters);
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) logs.Entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
            }
        }
    }
}

[CollectionDefinition(nameof(SmallDisk), DisableParallelization = true)]
public sealed class SmallDisk
{
    public const string Variable = "PORTAL_TEST_SMALL_DISK";

    /// <summary>A new folder on the small disk; null when ./test.sh mounted none (a failure in strict mode).</summary>
    public static string? NewFolder()
    {
        var root = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(root) || !Directory.Exists(root))
        {
            Assert.False(TestDatabase.Strict, $"{Variable} names no folder: ./test.sh mounts a small tmpfs there.");
            return null;
        }
        foreach (var old in Directory.EnumerateDirectories(root)) Directory.Delete(old, recursive: true);
        var folder = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Writes a ballast file until the disk refuses another byte; disposing it frees the space.</summary>
    public static IDisposable Fill(string folder)
    {
        var path = Path.Combine(folder, "ballast");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            foreach (var size in new[] { 1 << 20, 4096, 1 })
            {
                var chunk = new byte[size];
                try
                {
                    while (true) file.Write(chunk);
                }
                catch (IOException)
                {
                }
            }
        }
        return new Ballast(path);
    }

    private sealed class Ballast(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}
