namespace Portal.Modules.Feedback.Domain;

/// <summary>Service time, as SLA targets count it: clock hours (7×24) or business hours (5×8: the
/// vendor's working hours on working days, public holidays left out, make-up working days (调休)
/// counted), in the vendor's time zone.</summary>
internal interface IServiceClock
{
    /// <summary>The instant at which <paramref name="serviceTime"/> of service time has passed since <paramref name="start"/>.</summary>
    Task<DateTimeOffset> DueAsync(DateTimeOffset start, TimeSpan serviceTime, bool businessHours, CancellationToken ct);

    /// <summary>Service time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    Task<TimeSpan> ElapsedAsync(DateTimeOffset from, DateTimeOffset to, bool businessHours, CancellationToken ct);
}
