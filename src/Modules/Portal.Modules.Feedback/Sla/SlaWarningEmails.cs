using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Notifications.Contracts;
using Portal.Web.Formatting;

namespace Portal.Modules.Feedback.Sla;

/// <summary>The warning (a share of a target elapsed) and breach emails to staff, each in the
/// recipient's language, with the due time in the vendor's time zone and a link to the staff page.</summary>
internal sealed class SlaWarningEmails(IOptions<PortalOptions> portal, DisplayTime time)
{
    public const string Warning = "feedback.sla-warning";
    public const string Breach = "feedback.sla-breach";

    public EmailRequested Build(string template, WatchedRequest request, string organisation, int percent, SlaRecipient to)
    {
        var english = to.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var respond = request.Target == SlaNotes.Respond;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = to.Name,
            ["reference"] = request.Reference,
            ["title"] = request.Title,
            ["organisation"] = organisation,
            ["target"] = (respond, english) switch
            {
                (true, true) => "first response",
                (false, true) => "resolution",
                (true, false) => "首次响应",
                _ => "解决",
            },
            ["percent"] = percent.ToString(CultureInfo.InvariantCulture),
            ["due"] = $"{time.DateTime(request.NextDueAt)} ({time.Zone.Id})",
            ["tier"] = request.Tier.ToString(CultureInfo.InvariantCulture),
            ["link"] = string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Feedback/Manage/Request/{request.Id}"),
        };
        var key = string.Create(CultureInfo.InvariantCulture, $"{template}:{request.Id}:{DisplayTime.Iso(request.NextDueAt)}:{to.UserId}");
        return new EmailRequested(to.Email, template, english ? "en" : "zh-CN", values, key);
    }
}
