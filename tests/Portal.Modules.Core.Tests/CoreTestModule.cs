using Microsoft.Extensions.Time.Testing;
using System.Collections.Concurrent;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Modules.Core;
using Portal.Modules.Core.Modules;
using Portal.Testing;

namespace Portal.Modules.Core.Tests;

/// <summary>The event the test module publishes through the outbox.</summary>
public sealed record ProbeEvent(string Key) : INotification;

/// <summary>What the probe handler does, decided by the test: it counts calls, records delivered
/// keys, fails a given number of times, and can wait on a gate before handling.</summary>
public sealed class OutboxProbe
{
    private readonly ConcurrentQueue<string> delivered = new();
    private int calls;
    private int failuresLeft;

    public IReadOnlyList<string> Delivered => [.. delivered];

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Awaited at the start of every call, before failing or recording.</summary>
    public Func<ProbeEvent, int, Task>? Gate { get; set; }

    public void FailNext(int times) => Volatile.Write(ref failuresLeft, times);

    internal async Task HandleAsync(ProbeEvent evt)
    {
        var call = Interlocked.Increment(ref calls);
        if (Gate is { } gate) await gate(evt, call);
        if (TryConsumeFailure()) throw new InvalidOperationException($"probe handler failed for {evt.Key}");
        delivered.Enqueue(evt.Key);
    }

    private bool TryConsumeFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref failuresLeft);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref failuresLeft, left - 1, left) == left) return true;
        }
    }
}

internal sealed class ProbeEventHandler(OutboxProbe probe) : INotificationHandler<ProbeEvent>
{
    public Task Handle(ProbeEvent notification, CancellationToken cancellationToken) => probe.HandleAsync(notification);
}

/// <summary>A type that exists but is no event: the dispatcher must never instantiate it from a
/// stored type name. Its static constructor records that it ran.</summary>
public sealed class NotAnEvent
{
    static NotAnEvent() => NotAnEventWitness.MarkConstructed();

    public string? Value { get; set; }
}

/// <summary>Kept apart from <see cref="NotAnEvent"/> so that reading the flag does not itself
/// run that type's static constructor.</summary>
public static class NotAnEventWitness
{
    private static int constructed;

    public static bool Constructed => Volatile.Read(ref constructed) == 1;

    internal static void MarkConstructed() => Interlocked.Exchange(ref constructed, 1);
}

/// <summary>Service providers for core tests: the core plus the "CoreTests" module (this
/// assembly: the probe handler and five numbered migrations).</summary>
public static class CoreTestHost
{
    public const string ModuleName = "CoreTests";

    public static IServiceCollection AddCoreTestModule(this IServiceCollection services, OutboxProbe probe)
    {
        services.AddPortalModule(ModuleName, typeof(CoreTestHost).Assembly, order: 100);
        services.AddSingleton(probe);
        return services;
    }

    public static Task<ServiceProvider> BuildAsync(TestDatabase database, OutboxProbe probe, FakeTimeProvider clock,
        IDictionary<string, string?>? settings = null) =>
        TestServices.BuildAsync(database, (s, _) => s.AddCoreTestModule(probe), settings, clock);

    /// <summary>Like <see cref="TestServices.BuildAsync"/> but without applying migrations: a node
    /// that has just started on the database.</summary>
    public static ServiceProvider BuildUnmigrated(TestDatabase database, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPortalCore(configuration);
        if (clock is not null) services.AddSingleton(clock);
        services.AddCoreTestModule(new OutboxProbe());
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList()) services.Remove(hosted);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
