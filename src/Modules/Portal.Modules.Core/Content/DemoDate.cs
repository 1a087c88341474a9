using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Modules.Core.Content;

/// <summary>Dates in demo content, so the demo stays meaningful whenever it is imported:
/// <c>today</c>, <c>today-200</c> / <c>today+30</c> (days from the import day in the vendor's time
/// zone), an absolute <c>2026-01-01</c>, or (contracts' <c>starts</c> only) <c>renewal</c>: the day
/// after the organisation's previous period for the same product ends. Shared by the modules that
/// import demo content (service contracts, training sessions).</summary>
public static partial class DemoDate
{
    public const string Renewal = "renewal";

    [GeneratedRegex(@"^today(?:([+-])(\d{1,5}))?$")]
    private static partial Regex Relative();

    public static bool TryResolve(string? text, DateOnly today, out DateOnly day)
    {
        day = default;
        var value = (text ?? "").Trim();
        var match = Relative().Match(value);
        if (match.Success)
        {
            var offset = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            day = today.AddDays(match.Groups[1].Value == "-" ? -offset : offset);
            return true;
        }
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
