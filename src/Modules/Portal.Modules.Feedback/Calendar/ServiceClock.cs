using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Calendar;

/// <summary>The SLA clock over the holiday calendar in the database. The calendar is cached in
/// memory: a change made on this node is seen at once, one made on another node within
/// <see cref="RecheckAfter"/> (the cheap revision row is read then, the days only when it moved).</summary>
internal sealed class ServiceClock(HolidayStore store, IOptions<PortalOptions> portal, IOptions<BusinessHoursOptions> options, TimeProvider time)
    : IServiceClock, IDisposable
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private Cached? cached;

    private sealed record Cached(long Revision, long LocalChanges, BusinessCalendar Calendar, DateTimeOffset CheckedAt);

    public async Task<DateTimeOffset> DueAsync(DateTimeOffset start, TimeSpan serviceTime, bool businessHours, CancellationToken ct) =>
        businessHours
            ? (await CalendarAsync(ct)).Due(start, serviceTime, businessHours: true)
            : (start + serviceTime).ToUniversalTime();

    public async Task<TimeSpan> ElapsedAsync(DateTimeOffset from, DateTimeOffset to, bool businessHours, CancellationToken ct) =>
        businessHours
            ? (await CalendarAsync(ct)).Elapsed(from, to, businessHours: true)
            : (to > from ? to - from : TimeSpan.Zero);

    /// <summary>The current calendar (also for rules such as "the next working day").</summary>
    public async Task<BusinessCalendar> CalendarAsync(CancellationToken ct)
    {
        if (Fresh(cached) is { } calendar) return calendar;
        await gate.WaitAsync(ct);
        try
        {
            if (Fresh(cached) is { } again) return again;
            var local = store.LocalChanges;
            var revision = await store.RevisionAsync(ct);
            var current = cached is { } c && c.Revision == revision && c.LocalChanges == local
                ? c.Calendar
                : new BusinessCalendar(options.Value.ToHours(), (await store.AllAsync(ct)).ToDictionary(r => r.Day, r => r.ToDay().Kind), portal.Value.VendorTimeZone);
            cached = new Cached(revision, local, current, time.GetUtcNow());
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    private BusinessCalendar? Fresh(Cached? c) =>
        c is not null && c.LocalChanges == store.LocalChanges && time.GetUtcNow() - c.CheckedAt < RecheckAfter ? c.Calendar : null;

    public void Dispose() => gate.Dispose();
}
