namespace Portal.Modules.Core.Background;

/// <summary>Periodic background work of a module (auto-close, reminders, …). A sweep must be an
/// idempotent conditional update: every node runs it, possibly at the same moment.</summary>
public interface ISweep
{
    string Name { get; }

    TimeSpan Interval { get; }

    Task RunAsync(CancellationToken ct);
}
