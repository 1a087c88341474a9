using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Tests;

/// <summary>A service clock that counts clock hours only, standing in for the business-hours
/// calendar (built on the feedback-sla branch) in these tests.</summary>
internal sealed class ClockHours : IServiceClock
{
    public Task<DateTimeOffset> DueAsync(DateTimeOffset start, TimeSpan serviceTime, bool businessHours, CancellationToken ct) =>
        Task.FromResult(start + serviceTime);

    public Task<TimeSpan> ElapsedAsync(DateTimeOffset from, DateTimeOffset to, bool businessHours, CancellationToken ct) =>
        Task.FromResult(to > from ? to - from : TimeSpan.Zero);
}
