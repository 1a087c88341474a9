using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Notifications.Contracts;
using static Portal.Modules.Feedback.Requests.RequestVocabulary;

namespace Portal.Modules.Feedback.Bulletins;

/// <summary>The bulletin email: a plain-text summary in the contact's language and a link to the page.
/// Email text is rendered outside a request, so the sentences are spelled out here rather than looked up.</summary>
internal sealed class BulletinEmails(IOptions<PortalOptions> portal)
{
    public const string Template = "feedback.bulletin";

    /// <summary>Lines per list in the email; the page has the rest.</summary>
    public const int MaxLines = 20;

    public EmailRequested Build(Bulletin bulletin, OrganisationContact contact)
    {
        var english = contact.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var baseUrl = portal.Value.BaseUrl.TrimEnd('/');
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = string.IsNullOrWhiteSpace(contact.DisplayName) ? contact.Email : contact.DisplayName,
            ["organisation"] = bulletin.OrganisationName,
            ["month"] = bulletin.Month,
            ["summary"] = Summary(bulletin, english),
            ["link"] = $"{baseUrl}/Feedback/Bulletin/{bulletin.Month}",
            ["settings"] = $"{baseUrl}/Account/Profile",
        };
        var key = string.Create(CultureInfo.InvariantCulture, $"{Template}:{bulletin.OrganisationId}:{bulletin.Month}:{contact.UserId}");
        return new EmailRequested(contact.Email, Template, english ? "en" : "zh-CN", values, key);
    }

    public static string Summary(Bulletin b, bool english)
    {
        var text = new StringBuilder();
        text.AppendLine(english
            ? $"Requests: {b.Received} received, {b.Resolved} resolved, {b.StillOpen} still open at the end of the month."
            : $"请求：本月收到 {b.Received} 个，解决 {b.Resolved} 个，月末仍未关闭 {b.StillOpen} 个。");
        text.AppendLine(english
            ? $"First response on time: {b.Count(ResponseCompliance.Met)} of {b.Measured} with a response target."
            : $"按时首次响应：有响应时限的 {b.Measured} 个中 {b.Count(ResponseCompliance.Met)} 个。");
        Section(text, english ? "Requests" : "请求明细", b.Requests.Select(r => english
            ? $"- {r.Reference} {r.Title} — {StatusLabel(r.Status)}; first response: {ComplianceEn(r.Compliance)}"
            : $"- {r.Reference} {r.Title} — {StatusZh(r.Status)}；首次响应：{ComplianceZh(r.Compliance)}").ToList(), english);
        Section(text, english ? "New releases" : "新发布的版本", b.Releases.Select(r =>
            $"- {b.ProductName(r.ProductCode, english)} {r.Version}: {r.Title(english)}").ToList(), english);
        Section(text, english ? "New knowledge articles" : "新知识文章", b.ArticlesFor(english).Select(a => $"- {a.Title}").ToList(), english);
        return text.ToString().TrimEnd();
    }

    private static void Section(StringBuilder text, string heading, IReadOnlyList<string> lines, bool english)
    {
        if (lines.Count == 0) return;
        text.AppendLine().AppendLine(heading);
        foreach (var line in lines.Take(MaxLines)) text.AppendLine(line);
        if (lines.Count > MaxLines)
            text.AppendLine(english ? $"… and {lines.Count - MaxLines} more on the bulletin page." : $"……另有 {lines.Count - MaxLines} 条，请在简报页面查看。");
    }

    public static string ComplianceEn(ResponseCompliance c) => c switch
    {
        ResponseCompliance.Met => "met",
        ResponseCompliance.Missed => "missed",
        ResponseCompliance.Pending => "not due yet",
        _ => "not covered",
    };

    private static string ComplianceZh(ResponseCompliance c) => c switch
    {
        ResponseCompliance.Met => "按时",
        ResponseCompliance.Missed => "超时",
        ResponseCompliance.Pending => "尚未到期",
        _ => "不在服务期内",
    };
}
