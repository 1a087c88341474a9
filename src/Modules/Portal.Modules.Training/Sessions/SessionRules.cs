namespace Portal.Modules.Training.Sessions;

/// <summary>Checks a session and turns its vendor-zone times into instants. Messages are English
/// localizer keys; the field is the input's property name.</summary>
public static class SessionRules
{
    public const int MaxTextLength = 300;

    public sealed record Problem(string Field, string Message);

    public sealed record Times(DateTimeOffset Starts, DateTimeOffset Ends, DateTimeOffset EnrollUntil);

    public static (IReadOnlyList<Problem> Problems, Times? Times) Check(SessionInput input, TimeZoneInfo zone)
    {
        var problems = new List<Problem>();
        void Fail(string field, string message) => problems.Add(new Problem(field, message));
        if (input.CourseId is null) Fail(nameof(input.CourseId), "Choose the course.");
        if (input.Starts is null) Fail(nameof(input.Starts), "Enter the start.");
        if (input.Ends is null) Fail(nameof(input.Ends), "Enter the end.");
        if (input.EnrollUntil is null) Fail(nameof(input.EnrollUntil), "Enter the enrollment deadline.");
        if (input.Capacity is not (>= 1 and <= 10_000)) Fail(nameof(input.Capacity), "The capacity is at least one seat.");
        var place = input.Place?.Trim() ?? "";
        var url = input.OnlineUrl?.Trim() ?? "";
        if (place.Length > MaxTextLength) Fail(nameof(input.Place), "The place may have at most 300 characters.");
        if ((input.Instructor?.Trim().Length ?? 0) > MaxTextLength) Fail(nameof(input.Instructor), "The instructor may have at most 300 characters.");
        if (url.Length > 0 && !IsWebLink(url)) Fail(nameof(input.OnlineUrl), "The online link must be a full http or https address.");
        if (place.Length == 0 && url.Length == 0) Fail(nameof(input.Place), "Enter the place or an online link.");
        Times? times = null;
        if (input.Starts is { } s && input.Ends is { } e && input.EnrollUntil is { } d)
        {
            times = new Times(Instant(s, zone), Instant(e, zone), Instant(d, zone));
            if (times.Ends <= times.Starts) Fail(nameof(input.Ends), "The end must be after the start.");
            if (times.EnrollUntil > times.Starts) Fail(nameof(input.EnrollUntil), "The enrollment deadline must not be after the start.");
        }
        return (problems, problems.Count == 0 ? times : null);
    }

    public static bool IsWebLink(string url) =>
        url.Length <= 2000 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>A wall-clock time in <paramref name="zone"/> as an instant (an invalid time in a DST gap moves forward).</summary>
    public static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    /// <summary>An instant as the wall-clock time of <paramref name="zone"/>, for the form.</summary>
    public static DateTime Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime;
}
