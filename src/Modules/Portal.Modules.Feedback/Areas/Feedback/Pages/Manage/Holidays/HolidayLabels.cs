using System.Globalization;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Holidays;

/// <summary>Words the holiday pages show for stored values (localization keys).</summary>
public static class HolidayLabels
{
    public static string Kind(string kind) => kind == "workday" ? "Make-up working day" : "Public holiday";

    /// <summary>The day of the week in the page's language (星期六 / Saturday).</summary>
    public static string Weekday(DateOnly day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day.DayOfWeek);
}
