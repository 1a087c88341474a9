using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;

namespace Portal.Modules.Training.Enrollments;

/// <summary>The iCalendar invitation for one trainee's seat in a session. The UID stays the same for
/// the session and trainee (tr-session-{session}-{user}@{host}) so calendars update the one event;
/// SEQUENCE is the session's sequence; times are in the vendor's time zone with its VTIMEZONE.</summary>
public sealed class SessionCalendar(IOptions<PortalOptions> portal)
{
    public string Uid(long sessionId, long userId)
    {
        var host = Uri.TryCreate(portal.Value.BaseUrl, UriKind.Absolute, out var uri) ? uri.Host : "portal";
        return string.Create(CultureInfo.InvariantCulture, $"tr-session-{sessionId}-{userId}@{host}");
    }

    public string Invitation(EnrollmentRow row, bool cancel = false)
    {
        var calendar = new Ical.Net.Calendar { Method = cancel ? "CANCEL" : "REQUEST" };
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(portal.Value.TimeZone));
        calendar.Events.Add(Event(row, cancel));
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>A personal feed (METHOD:PUBLISH): every entry with the same UID as its invitation;
    /// cancelled ones stay in as STATUS:CANCELLED so subscribed calendars remove them.</summary>
    public string Feed(IEnumerable<(EnrollmentRow Row, bool Cancelled)> entries)
    {
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", "Customer Portal / 客户服务门户");
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(portal.Value.TimeZone));
        foreach (var (row, cancelled) in entries) calendar.Events.Add(Event(row, cancelled));
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private CalendarEvent Event(EnrollmentRow row, bool cancel)
    {
        var zone = portal.Value.TimeZone;
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var english = row.TraineeLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var link = string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Training/Mine");
        return new CalendarEvent
        {
            Uid = Uid(row.SessionId, row.TraineeUserId),
            Sequence = row.Sequence,
            Summary = english ? row.TitleEn : row.TitleZh,
            DtStart = new CalDateTime(TimeZoneInfo.ConvertTime(row.StartsAt, tz).DateTime, zone),
            DtEnd = new CalDateTime(TimeZoneInfo.ConvertTime(row.EndsAt, tz).DateTime, zone),
            Location = row.Place.Length > 0 ? row.Place : row.OnlineUrl,
            Description = link,
            Status = cancel ? "CANCELLED" : "CONFIRMED",
        };
    }
}
