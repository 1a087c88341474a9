using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Core.Tests;

/// <summary>A node that stops mid-delivery leaves its claims behind. Restarted under the same node
/// id it takes them back at once; another node's claims still wait out their lease. (The real
/// kill -9 of a portal process is in Portal.Host.Tests/MailCrashTests.)</summary>
public sealed class OutboxReclaimTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_restarted_node_takes_back_its_own_claims_at_once_and_leaves_other_nodes_claims_to_their_lease(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using var nodeA = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-a"));
        await using var nodeB = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-b"));
        var lease = nodeA.GetRequiredService<IOptions<OutboxOptions>>().Value.Lease;

        await EnqueueAsync(nodeA, "a1");
        await StopMidDeliveryAsync(nodeA, probe, "a1");
        await EnqueueAsync(nodeB, "b1");
        await StopMidDeliveryAsync(nodeB, probe, "b1");
        Assert.Equal([("a1", "node-a"), ("b1", "node-b")], (await RowsAsync(nodeA)).Select(r => (r.DedupKey[4..], r.LockedBy!)));
        Assert.Empty(probe.Delivered);

        await using var restartedA = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-a"));
        Assert.Equal(1, await Dispatcher(restartedA).ReleaseOwnClaimsAsync());
        Assert.Equal(1, await Dispatcher(restartedA).DispatchDueAsync());
        Assert.Equal(["a1"], probe.Delivered);
        var rows = await RowsAsync(restartedA);
        Assert.NotNull(rows[0].DispatchedAt);
        Assert.Null(rows[0].LockedBy);
        Assert.Equal(2, rows[0].Attempts);
        Assert.Equal(("node-b", clock.GetUtcNow() + lease), (rows[1].LockedBy, rows[1].LockedUntil));
        Assert.Equal(0, await Dispatcher(restartedA).ReleaseOwnClaimsAsync());

        clock.Advance(lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Dispatcher(restartedA).DispatchDueAsync());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Dispatcher(restartedA).DispatchDueAsync());
        Assert.Equal(["a1", "b1"], probe.Delivered);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_claim_at_its_last_attempt_is_dead_lettered_when_its_node_restarts(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        var settings = Node("node-a");
        settings["Outbox:MaxAttempts"] = "1";
        await using var node = await CoreTestHost.BuildAsync(db, probe, clock, settings);
        await EnqueueAsync(node, "poison");
        await StopMidDeliveryAsync(node, probe, "poison");

        await using var restarted = await CoreTestHost.BuildAsync(db, probe, clock, settings);
        Assert.Equal(1, await Dispatcher(restarted).ReleaseOwnClaimsAsync());
        Assert.Equal(0, await Dispatcher(restarted).DispatchDueAsync());

        var row = Assert.Single(await RowsAsync(restarted));
        Assert.Equal(clock.GetUtcNow(), row.DeadAt);
        Assert.Equal(OutboxDispatcher.StoppedWhileDelivering, row.LastError);
        Assert.Null(row.LockedBy);
    }

    [Fact]
    public void A_node_keeps_its_id_in_the_data_folder_and_a_configured_id_wins()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string IdOf(string folder, string? configured = null) => new OutboxNode(
                Options.Create(new OutboxOptions { NodeId = configured }), Options.Create(new PortalOptions { DataPath = folder })).Id;

            var first = IdOf(dataPath);
            Assert.StartsWith(Environment.MachineName + "/", first, StringComparison.Ordinal);
            Assert.Equal(first, IdOf(dataPath));
            Assert.True(File.Exists(Path.Combine(dataPath, OutboxNode.FileName)));
            Assert.NotEqual(first, IdOf(Path.Combine(dataPath, "other-node")));
            Assert.Equal("portal-2", IdOf(dataPath, " portal-2 "));
        }
        finally
        {
            if (Directory.Exists(dataPath)) Directory.Delete(dataPath, recursive: true);
        }
    }

    // The node claims the message, its handler starts, and the node stops before anything is
    // recorded: the dispatcher is cancelled mid-delivery, leaving the claim in place as a kill would.
    private static async Task StopMidDeliveryAsync(IServiceProvider node, OutboxProbe probe, string key)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Gate = async (evt, _) =>
        {
            if (evt.Key != key) return;
            started.SetResult();
            await stop.Task;
        };
        using var cancel = new CancellationTokenSource();
        var dispatch = Task.Run(() => Dispatcher(node).DispatchDueAsync(cancel.Token));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        stop.SetCanceled();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatch);
        probe.Gate = null;
    }

    private static Dictionary<string, string?> Node(string id) => new() { ["Outbox:NodeId"] = id };

    private static OutboxDispatcher Dispatcher(IServiceProvider services) => services.GetRequiredService<OutboxDispatcher>();

    private static Task<bool> EnqueueAsync(IServiceProvider services, string key)
    {
        var outbox = services.GetRequiredService<IOutbox>();
        return services.GetRequiredService<IDb>().WriteAsync((c, tx) => outbox.EnqueueAsync(c, tx, new ProbeEvent(key), "key-" + key));
    }

    private sealed class ClaimRow
    {
        public string DedupKey { get; set; } = "";
        public long Attempts { get; set; }
        public string? LockedBy { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset? DispatchedAt { get; set; }
        public DateTimeOffset? DeadAt { get; set; }
        public string? LastError { get; set; }
    }

    private static async Task<List<ClaimRow>> RowsAsync(IServiceProvider services)
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return (await c.QueryAsync<ClaimRow>("""
            SELECT dedup_key AS DedupKey, attempts AS Attempts, locked_by AS LockedBy, locked_until AS LockedUntil,
                   dispatched_at AS DispatchedAt, dead_at AS DeadAt, last_error AS LastError
            FROM outbox ORDER BY id
            """)).ToList();
    }
}
