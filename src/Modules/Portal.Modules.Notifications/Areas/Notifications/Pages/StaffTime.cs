using System.Globalization;

namespace Portal.Modules.Notifications.Areas.Notifications.Pages;

/// <summary>Instants are stored in UTC; staff read them in the vendor's time zone.</summary>
internal static class StaffTime
{
    public static string Format(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
