using System.Globalization;
using Portal.Modules.Core;

namespace Portal.Modules.ServiceContracts.Catalog;

/// <summary>How the catalog pages show names, dates and instants.</summary>
public static class Display
{
    /// <summary>The Chinese or English name, after the current UI language.</summary>
    public static string Pick(string zh, string en) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? en : zh;

    /// <summary>An instant (stored in UTC) in the vendor's time zone, in the user's culture.</summary>
    public static string Show(this DateTimeOffset at, PortalOptions portal, string format = "g") =>
        TimeZoneInfo.ConvertTime(at, portal.VendorTimeZone).ToString(format, CultureInfo.CurrentCulture);

    /// <summary>The machine-readable value for a &lt;time datetime="…"&gt; attribute.</summary>
    public static string Iso(this DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
