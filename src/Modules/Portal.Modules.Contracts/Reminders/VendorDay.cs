namespace Portal.Modules.Contracts.Reminders;

/// <summary>Contract dates are days in the vendor's time zone, whatever the server's zone is.</summary>
internal static class VendorDay
{
    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone) => On(clock.GetUtcNow(), zone);

    public static DateOnly On(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
