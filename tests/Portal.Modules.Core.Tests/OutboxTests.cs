using Microsoft.Extensions.Time.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class OutboxTests
{
    private static readonly Dictionary<string, string?> FewAttempts = new()
    {
        ["Outbox:MaxAttempts"] = "3",
        ["Outbox:FirstRetryDelay"] = "00:00:10",
        ["Outbox:Lease"] = "00:02:00",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Committed_event_is_delivered(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using var services = await CoreTestHost.BuildAsync(db, probe, clock);

        Assert.True(await EnqueueAsync(services, "a"));
        var delivered = await Dispatcher(services).DispatchDueAsync();

        Assert.Equal(1, delivered);
        Assert.Equal(["a"], probe.Delivered);
        var row = Assert.Single(await RowsAsync(services));
        Assert.Equal(clock.GetUtcNow(), row.DispatchedAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Equal(0, await Dispatcher(services).DispatchDueAsync());
        Assert.Equal(1, probe.Calls);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rolled_back_event_is_never_delivered(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using var services = await CoreTestHost.BuildAsync(db, probe, clock);
        var outbox = services.GetRequiredService<IOutbox>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<IDb>().WriteAsync(async (c, tx) =>
        {
            Assert.True(await outbox.EnqueueAsync(c, tx, new ProbeEvent("lost"), "key-lost"));
            throw new InvalidOperationException("the state change failed");
        }));
        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await Dispatcher(services).DispatchDueAsync());
        Assert.Equal(0, probe.Calls);
        Assert.Empty(await RowsAsync(services));
        // The key was never recorded, so the retried command may enqueue it.
        Assert.True(await EnqueueAsync(services, "lost", "key-lost"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Event_committed_before_a_crash_is_delivered_by_the_next_process(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using (var crashed = await CoreTestHost.BuildAsync(db, probe, clock))
        {
            Assert.True(await EnqueueAsync(crashed, "survivor"));
        }

        await using var restarted = await CoreTestHost.BuildAsync(db, probe, clock);
        Assert.Equal(1, await Dispatcher(restarted).DispatchDueAsync());
        Assert.Equal(0, await Dispatcher(restarted).DispatchDueAsync());

        Assert.Equal(["survivor"], probe.Delivered);
        Assert.Equal(1, probe.Calls);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Failing_handler_is_retried_after_the_backoff(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using var services = await CoreTestHost.BuildAsync(db, probe, clock, FewAttempts);
        var options = services.GetRequiredService<IOptions<OutboxOptions>>().Value;
        probe.FailNext(1);
        await EnqueueAsync(services, "flaky");

        Assert.Equal(0, await Dispatcher(services).DispatchDueAsync());

        var failed = Assert.Single(await RowsAsync(services));
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("probe handler failed for flaky", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(clock.GetUtcNow() + options.DelayAfter(1), failed.NextAttemptAt);
        Assert.True(options.DelayAfter(1) > TimeSpan.Zero);
        Assert.Null(failed.DispatchedAt);
        Assert.Null(failed.DeadAt);

        clock.Advance(options.DelayAfter(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Dispatcher(services).DispatchDueAsync());
        Assert.Equal(1, probe.Calls);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Dispatcher(services).DispatchDueAsync());
        Assert.Equal(["flaky"], probe.Delivered);
        var done = Assert.Single(await RowsAsync(services));
        Assert.Equal(2, done.Attempts);
        Assert.NotNull(done.DispatchedAt);
        Assert.Null(done.LastError);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Message_is_dead_lettered_after_max_attempts_and_can_be_retried(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using var services = await CoreTestHost.BuildAsync(db, probe, clock, FewAttempts);
        var options = services.GetRequiredService<IOptions<OutboxOptions>>().Value;
        var monitor = services.GetRequiredService<IOutboxMonitor>();
        probe.FailNext(int.MaxValue);
        await EnqueueAsync(services, "doomed");

        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            Assert.Equal(0, await Dispatcher(services).DispatchDueAsync());
            var row = Assert.Single(await RowsAsync(services));
            Assert.Equal(attempt, row.Attempts);
            Assert.Equal(attempt == options.MaxAttempts, row.DeadAt is not null);
            clock.Advance(options.DelayAfter(attempt));
        }
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await Dispatcher(services).DispatchDueAsync());
        Assert.Equal(options.MaxAttempts, probe.Calls);

        var dead = Assert.Single(await monitor.ListAsync(deadOnly: true, limit: 10, CancellationToken.None));
        Assert.Equal("key-doomed", dead.DedupKey);
        Assert.Equal(typeof(ProbeEvent).FullName, dead.EventType);
        Assert.Equal(options.MaxAttempts, dead.Attempts);
        Assert.Contains("probe handler failed for doomed", dead.LastError, StringComparison.Ordinal);
        Assert.NotNull(dead.DeadAt);
        Assert.Equal((0, 1), await monitor.CountsAsync(CancellationToken.None));

        probe.FailNext(0);
        Assert.True(await monitor.RetryAsync(dead.Id, CancellationToken.None));
        Assert.False(await monitor.RetryAsync(dead.Id, CancellationToken.None));
        Assert.Equal((1, 0), await monitor.CountsAsync(CancellationToken.None));
        Assert.Single(await monitor.ListAsync(deadOnly: false, limit: 10, CancellationToken.None));

        Assert.Equal(1, await Dispatcher(services).DispatchDueAsync());
        Assert.Equal(["doomed"], probe.Delivered);
        Assert.Empty(await monitor.ListAsync(deadOnly: true, limit: 10, CancellationToken.None));
        Assert.Equal((0, 0), await monitor.CountsAsync(CancellationToken.None));
        Assert.False(await monitor.RetryAsync(dead.Id, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Second_event_with_the_same_key_is_suppressed(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using var services = await CoreTestHost.BuildAsync(db, probe, clock);

        Assert.True(await EnqueueAsync(services, "first", "same-key"));
        Assert.False(await EnqueueAsync(services, "second", "same-key"));
        Assert.Equal(1, await Dispatcher(services).DispatchDueAsync());
        // A key is remembered after delivery too: the effect happens once, ever.
        Assert.False(await EnqueueAsync(services, "third", "same-key"));
        Assert.Equal(0, await Dispatcher(services).DispatchDueAsync());

        Assert.Equal(["first"], probe.Delivered);
        Assert.Equal(1, probe.Calls);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leased_message_is_not_claimed_by_another_node_until_the_lease_expires(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using var nodeA = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-a", FewAttempts));
        await using var nodeB = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-b", FewAttempts));
        var lease = nodeA.GetRequiredService<IOptions<OutboxOptions>>().Value.Lease;
        var firstCallStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Gate = async (_, call) =>
        {
            if (call != 1) return;
            firstCallStarted.SetResult();
            await releaseFirstCall.Task;
        };
        await EnqueueAsync(nodeA, "slow");

        var dispatchA = Task.Run(() => Dispatcher(nodeA).DispatchDueAsync());
        await firstCallStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        clock.Advance(lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Dispatcher(nodeB).DispatchDueAsync());
        Assert.Equal(1, probe.Calls);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Dispatcher(nodeB).DispatchDueAsync());
        Assert.Equal(2, probe.Calls);

        releaseFirstCall.SetResult();
        Assert.Equal(1, await dispatchA.WaitAsync(TimeSpan.FromSeconds(30)));
        // At-least-once: after the lease ran out the message went out twice, which is why
        // handlers are idempotent.
        Assert.Equal(["slow", "slow"], probe.Delivered);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_dispatching_at_once_deliver_each_message_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        var settings = new Dictionary<string, string?> { ["Outbox:BatchSize"] = "3" };
        await using var nodeA = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-a", settings));
        await using var nodeB = await CoreTestHost.BuildAsync(db, probe, clock, Node("node-b", settings));
        var keys = Enumerable.Range(1, 50).Select(i => $"m{i:00}").ToList();
        await nodeA.GetRequiredService<IDb>().WriteAsync(async (c, tx) =>
        {
            foreach (var key in keys)
                Assert.True(await nodeA.GetRequiredService<IOutbox>().EnqueueAsync(c, tx, new ProbeEvent(key), "key-" + key));
        });
        probe.Gate = async (_, _) => await Task.Yield();

        var delivered = await Task.WhenAll(
            Task.Run(() => Dispatcher(nodeA).DispatchDueAsync()),
            Task.Run(() => Dispatcher(nodeB).DispatchDueAsync()));

        Assert.Equal(50, delivered.Sum());
        Assert.Equal(50, probe.Calls);
        Assert.Equal(keys, probe.Delivered.Order(StringComparer.Ordinal));
        Assert.All(await RowsAsync(nodeA), r => Assert.NotNull(r.DispatchedAt));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_event_type_is_never_loaded_and_ends_dead_lettered(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (probe, clock) = (new OutboxProbe(), new FakeTimeProvider(TestClock.Start));
        await using var services = await CoreTestHost.BuildAsync(db, probe, clock, FewAttempts);
        var options = services.GetRequiredService<IOptions<OutboxOptions>>().Value;
        var typeName = typeof(NotAnEvent).FullName!;
        await services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO outbox (event_type, payload, dedup_key, created_at, next_attempt_at)
            VALUES (@typeName, '{"value":"x"}', 'forged', @Now, @Now)
            """, new { typeName, Now = clock.GetUtcNow() }, tx));

        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            Assert.Equal(0, await Dispatcher(services).DispatchDueAsync());
            clock.Advance(options.DelayAfter(attempt));
        }

        var row = Assert.Single(await RowsAsync(services));
        Assert.NotNull(row.DeadAt);
        Assert.Equal($"Unknown event type {typeName}.", row.LastError);
        Assert.False(NotAnEventWitness.Constructed);
        Assert.Equal(0, probe.Calls);
    }

    // Nodes in one test share a data folder, where a node keeps its id: each is named instead.
    private static Dictionary<string, string?> Node(string id, IDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>()) { ["Outbox:NodeId"] = id };

    private static OutboxDispatcher Dispatcher(IServiceProvider services) => services.GetRequiredService<OutboxDispatcher>();

    private static Task<bool> EnqueueAsync(IServiceProvider services, string key, string? dedupKey = null)
    {
        var outbox = services.GetRequiredService<IOutbox>();
        return services.GetRequiredService<IDb>().WriteAsync((c, tx) => outbox.EnqueueAsync(c, tx, new ProbeEvent(key), dedupKey ?? "key-" + key));
    }

    private sealed class OutboxRow
    {
        public long Id { get; set; }
        public long Attempts { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset? DispatchedAt { get; set; }
        public DateTimeOffset? DeadAt { get; set; }
        public string? LastError { get; set; }
    }

    private static async Task<List<OutboxRow>> RowsAsync(IServiceProvider services)
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return (await c.QueryAsync<OutboxRow>("""
            SELECT id AS Id, attempts AS Attempts, next_attempt_at AS NextAttemptAt, locked_until AS LockedUntil,
                   dispatched_at AS DispatchedAt, dead_at AS DeadAt, last_error AS LastError
            FROM outbox ORDER BY id
            """)).ToList();
    }
}
