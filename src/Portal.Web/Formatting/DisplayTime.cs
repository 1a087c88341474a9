using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;

namespace Portal.Web.Formatting;

/// <summary>The one way pages show dates and instants. Instants are stored in UTC and shown in the
/// vendor's time zone (Portal:TimeZone); every page uses the same ISO-like form in both languages
/// (2026-12-07, 2026-12-07 14:30), which Chinese and English readers alike take in at a glance and
/// which sorts as it reads. Views get it with <c>@inject DisplayTime Time</c>.</summary>
public sealed class DisplayTime(IOptions<PortalOptions> options)
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm";
    public const string SecondsFormat = "yyyy-MM-dd HH:mm:ss";

    private readonly TimeZoneInfo zone = options.Value.VendorTimeZone;

    public TimeZoneInfo Zone => zone;

    /// <summary>The instant in the vendor's time zone.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>The vendor-zone calendar day of an instant.</summary>
    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(Local(at).DateTime);

    public string Date(DateTimeOffset at) => Format(Local(at), DateFormat);

    public string Date(DateTimeOffset? at) => at is { } a ? Date(a) : "";

    public static string Date(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string Date(DateOnly? day) => day is { } d ? Date(d) : "";

    public string DateTime(DateTimeOffset at) => Format(Local(at), DateTimeFormat);

    public string DateTime(DateTimeOffset? at) => at is { } a ? DateTime(a) : "";

    /// <summary>Date and time to the second, for logs staff compare (mail, outbox, audit).</summary>
    public string Precise(DateTimeOffset at) => Format(Local(at), SecondsFormat);

    /// <summary>The machine-readable value for a &lt;time datetime="…"&gt; attribute.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly day) => Date(day);

    /// <summary>&lt;time datetime="ISO"&gt;date and time&lt;/time&gt;; dateOnly shows the day alone.</summary>
    public IHtmlContent Tag(DateTimeOffset at, bool dateOnly = false) =>
        TimeTag(Iso(at), dateOnly ? Date(at) : DateTime(at));

    public static IHtmlContent Tag(DateOnly day) => TimeTag(Iso(day), Date(day));

    private static HtmlString TimeTag(string iso, string text) =>
        new($"<time datetime=\"{HtmlEncoder.Default.Encode(iso)}\">{HtmlEncoder.Default.Encode(text)}</time>");

    private static string Format(DateTimeOffset local, string format) => local.ToString(format, CultureInfo.InvariantCulture);
}
