using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Notifications.Contracts;
using Portal.Web.Formatting;

namespace Portal.Modules.Training.Enrollments;

/// <summary>The emails a trainee gets about their enrollment, in their language, each linking to
/// "My trainings". Enrolled, promoted, changed and reminder emails carry the calendar invitation (.ics),
/// cancellations (own or of the session) a METHOD:CANCEL for the same UID.</summary>
public sealed class EnrollmentEmails(IOptions<PortalOptions> portal, DisplayTime time, SessionCalendar calendar)
{
    public const string Enrolled = "training.enrolled";
    public const string Waitlisted = "training.waitlisted";
    public const string Requested = "training.requested";
    public const string Promoted = "training.promoted";
    public const string Cancelled = "training.cancelled";
    public const string SessionChanged = "training.session-changed";
    public const string SessionCancelled = "training.session-cancelled";
    public const string Reminder = "training.reminder";

    public EmailRequested Build(string template, EnrollmentRow row, string dedupKey, IReadOnlyDictionary<string, string>? extra = null)
    {
        var english = row.TraineeLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = row.TraineeName,
            ["course"] = english ? row.TitleEn : row.TitleZh,
            ["starts"] = time.DateTime(row.StartsAt),
            ["place"] = row.Place.Length > 0 ? row.Place : row.OnlineUrl.Length > 0 ? row.OnlineUrl : english ? "to be announced" : "待通知",
            ["billing"] = (row.Billing, english) switch
            {
                ("free", true) => "one of your organisation's free trainings of this contract year",
                ("free", false) => "使用贵单位本合同年度的一次免费培训",
                (_, true) => "paid training",
                _ => "付费培训",
            },
            ["link"] = string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Training/Mine"),
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) values[k] = v;
        IReadOnlyList<EmailAttachment>? files = template switch
        {
            Enrolled or Promoted or SessionChanged or Reminder when row.State == "enrolled" =>
                [new EmailAttachment("training.ics", "text/calendar; method=REQUEST; charset=utf-8", calendar.Invitation(row))],
            Cancelled or SessionCancelled =>
                [new EmailAttachment("training.ics", "text/calendar; method=CANCEL; charset=utf-8", calendar.Invitation(row, cancel: true))],
            _ => null,
        };
        return new EmailRequested(row.TraineeEmail, template, english ? "en" : "zh-CN", values, dedupKey, files);
    }
}
