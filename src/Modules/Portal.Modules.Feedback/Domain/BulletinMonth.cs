using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Portal.Modules.Feedback.Domain;

/// <summary>A calendar month in the vendor's time zone, written yyyy-MM (in URLs and fb_bulletins.month).</summary>
internal readonly record struct BulletinMonth(int Year, int Month)
{
    public DateOnly First => new(Year, Month, 1);

    public BulletinMonth Previous => Of(First.AddMonths(-1));

    public BulletinMonth Next => Of(First.AddMonths(1));

    public static BulletinMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>Reads exactly yyyy-MM (years 2000–2999).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BulletinMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year is < 2000 or > 2999) return false;
        month = Of(day);
        return true;
    }

    /// <summary>The instant the month starts in <paramref name="zone"/> (its first day's midnight there).</summary>
    public DateTimeOffset Start(TimeZoneInfo zone)
    {
        var local = First.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The instant the month ends (the next month's start), exclusive.</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => Next.Start(zone);

    public override string ToString() => First.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
