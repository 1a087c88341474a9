namespace Portal.Modules.Feedback.Domain;

/// <summary>What a day of the holiday calendar is: a public holiday (no working hours even on a
/// weekday) or a make-up working day (调休: a day that is normally off, usually a Saturday or
/// Sunday, with the ordinary working hours).</summary>
internal enum HolidayKind
{
    Holiday,
    Workday,
}

internal static class HolidayKinds
{
    /// <summary>The value stored in fb_holidays.kind.</summary>
    public static string Code(HolidayKind kind) => kind == HolidayKind.Workday ? "workday" : "holiday";

    public static HolidayKind? Parse(string? code) => code switch
    {
        "holiday" => HolidayKind.Holiday,
        "workday" => HolidayKind.Workday,
        _ => null,
    };
}
