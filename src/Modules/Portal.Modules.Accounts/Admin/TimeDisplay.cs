using System.Globalization;
using Portal.Modules.Core;

namespace Portal.Modules.Accounts.Admin;

/// <summary>Instants are stored in UTC and shown in the vendor's time zone (Portal:TimeZone), in
/// the format of the user's culture.</summary>
public static class TimeDisplay
{
    public static string Show(this DateTimeOffset at, PortalOptions portal, string format = "g") =>
        TimeZoneInfo.ConvertTime(at, portal.VendorTimeZone).ToString(format, CultureInfo.CurrentCulture);

    /// <summary>The machine-readable value for a &lt;time datetime="…"&gt; attribute.</summary>
    public static string Iso(this DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
