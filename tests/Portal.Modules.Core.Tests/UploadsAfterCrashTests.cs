using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Files;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Core.Tests;

/// <summary>Issue 18 §3: an upload whose process died leaves a temporary file that the next start
/// removes at once, while another node's live upload is kept until its lease runs out; an upload
/// key makes a retry of a stored upload return the stored file.</summary>
public sealed class UploadsAfterCrashTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_restarted_node_removes_its_killed_uploads_at_start_and_keeps_a_live_upload_of_another_node(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var probe = new OutboxProbe();
        await using var nodeA = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-a"));
        await using var nodeB = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-b"));
        var killed = await StartUploadAsync(nodeA);
        var live = await StartUploadAsync(nodeB);
        var root = Path.Combine(db.DataPath, "files");
        Assert.Equal(2, TempFiles(root).Length);

        // node-a "dies" (its provider is never used again) and starts again under the same node id.
        await using var restartedA = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-a"));
        await SweepAsync(restartedA);

        var left = Assert.Single(TempFiles(root));
        Assert.Equal(live.Temp, left);
        Assert.False(File.Exists(killed.Temp));
        Assert.False(File.Exists(Path.ChangeExtension(killed.Temp, ".owner")));

        // node-b keeps renewing its lease while it streams; once it stops renewing, the lease runs out.
        clock.Advance(UploadLease.Expiry - TimeSpan.FromSeconds(1));
        await SweepAsync(restartedA);
        Assert.Single(TempFiles(root));
        clock.Advance(TimeSpan.FromSeconds(2));
        await SweepAsync(restartedA);
        Assert.Empty(TempFiles(root));

        await killed.CancelAsync();
        await live.CancelAsync();
        Assert.Empty(Directory.GetFiles(root, ".upload-*"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_temporary_file_without_an_owner_marker_is_removed_only_after_the_old_hour(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await CoreTestHost.BuildAsync(db, new OutboxProbe(), clock);
        var root = Path.Combine(db.DataPath, "files");
        Directory.CreateDirectory(root);
        var (old, recent) = (Path.Combine(root, ".upload-0123456789abcdef0123456789abcdef.tmp"), Path.Combine(root, ".upload-fedcba9876543210fedcba9876543210.tmp"));
        foreach (var path in new[] { old, recent }) await File.WriteAllTextAsync(path, "x");
        File.SetLastWriteTimeUtc(old, clock.GetUtcNow().UtcDateTime.AddHours(-2));
        File.SetLastWriteTimeUtc(recent, clock.GetUtcNow().UtcDateTime.AddMinutes(-5));

        await SweepAsync(node);

        Assert.Equal([recent], TempFiles(root));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_upload_key_returns_the_stored_file_and_another_key_or_uploader_stores_again(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var node = await CoreTestHost.BuildAsync(db, new OutboxProbe(), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var store = node.GetRequiredService<IFileStore>();
        var key = UploadKey.New();

        var first = await store.SaveAsync(new MemoryStream("first"u8.ToArray()), 100, UploadKey.For(key, 7), default);
        var retry = await store.SaveAsync(new MemoryStream("first"u8.ToArray()), 100, UploadKey.For(key, 7), default);
        var other = await store.SaveAsync(new MemoryStream("first"u8.ToArray()), 100, UploadKey.For(UploadKey.New(), 7), default);
        var someoneElse = await store.SaveAsync(new MemoryStream("first"u8.ToArray()), 100, UploadKey.For(key, 8), default);

        Assert.False(first.Repeated);
        Assert.Equal(first with { Repeated = true }, retry);
        Assert.False(other.Repeated);
        Assert.False(someoneElse.Repeated);
        Assert.Equal(3, new[] { first.Key, other.Key, someoneElse.Key }.Distinct().Count());
        Assert.Equal(3, StoredFiles(db.DataPath).Length);
        await using var c = await node.GetRequiredService<IDb>().OpenAsync();
        Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM file_uploads"));

        // A file its module threw away (its row could not be written) is stored again by the retry.
        store.Delete(first.Key);
        var afresh = await store.SaveAsync(new MemoryStream("first"u8.ToArray()), 100, UploadKey.For(key, 7), default);
        Assert.False(afresh.Repeated);
        Assert.NotEqual(first.Key, afresh.Key);
        Assert.Equal(3, StoredFiles(db.DataPath).Length);
    }

    private static string[] TempFiles(string root) => Directory.GetFiles(root, ".upload-*.tmp").Order(StringComparer.Ordinal).ToArray();

    private static string[] StoredFiles(string dataPath) =>
        Directory.GetFiles(Path.Combine(dataPath, "files"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)!).Length == 2).ToArray();

    private static Dictionary<string, string?> Node(string id) => new() { ["Outbox:NodeId"] = id };

    private static async Task SweepAsync(IServiceProvider node)
    {
        await using var scope = node.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<ISweep>().Single(s => s.Name == "files.stale-uploads").RunAsync(default);
    }

    /// <summary>An upload that has sent its first bytes and then waits (a slow client), until cancelled.</summary>
    private static async Task<Upload> StartUploadAsync(IServiceProvider node)
    {
        var root = Path.Combine(node.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.FullDataPath, "files");
        var before = Directory.Exists(root) ? Directory.GetFiles(root, ".upload-*.tmp") : [];
        var body = new StalledBody();
        var cancel = new CancellationTokenSource();
        var saving = node.GetRequiredService<IFileStore>().SaveAsync(body, 1 << 20, cancel.Token);
        await body.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new Upload(Directory.GetFiles(root, ".upload-*.tmp").Except(before).Single(), saving, cancel);
    }

    private sealed record Upload(string Temp, Task Saving, CancellationTokenSource Cancel)
    {
        public async Task CancelAsync()
        {
            await Cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Saving);
        }
    }

    private sealed class StalledBody : Stream
    {
        private bool sent;

        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (!sent)
            {
                sent = true;
                buffer.Span[..1000].Fill((byte)'x');
                return 1000;
            }
            Stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
