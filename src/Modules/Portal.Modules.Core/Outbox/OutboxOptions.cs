namespace Portal.Modules.Core.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first failure; doubles with each further failure, up to an hour.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed message is reserved for the node that claimed it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 20;

    /// <summary>This node's name on its claims; empty: see <see cref="OutboxNode"/>. Each node of a
    /// cluster needs its own, and the same one after a restart.</summary>
    public string? NodeId { get; set; }

    public TimeSpan DelayAfter(int attempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : delay;
    }
}
