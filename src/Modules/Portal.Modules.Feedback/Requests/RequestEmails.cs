using System.Globalization;
using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Core.Text;
using Portal.Modules.Notifications.Contracts;
using Portal.Web.Formatting;

namespace Portal.Modules.Feedback.Requests;

/// <summary>The emails a request's contact gets, in their language, each with a link back. Only
/// public entries are ever passed here: internal notes never reach a customer.</summary>
public sealed class RequestEmails(IOptions<PortalOptions> portal, DisplayTime time, IMediator mediator)
{
    public const string Submitted = "feedback.submitted";
    public const string Reply = "feedback.reply";
    public const string StatusChanged = "feedback.status";
    public const string AutoClosed = "feedback.auto-closed";

    public EmailRequested Build(string template, RequestRow request, string dedupKey, string? text = null)
    {
        var english = request.ContactLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = request.ContactName,
            ["reference"] = request.Reference,
            ["title"] = request.Title,
            ["type"] = english ? RequestVocabulary.TypeLabel(request.Type) : RequestVocabulary.TypeZh(request.Type),
            ["status"] = english ? RequestVocabulary.StatusLabel(request.Status) : RequestVocabulary.StatusZh(request.Status),
            ["text"] = SafeMarkdown.ToPlainText(text),
            ["respond_due"] = request.RespondDueAt is { } due ? time.DateTime(due) : "",
            ["coverage"] = Coverage(request, english),
            ["reopen_until"] = time.DateTime(request.ReopenUntil),
            ["link"] = string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Feedback/Request/{request.Id}"),
        };
        return new EmailRequested(request.ContactEmail, template, english ? "en" : "zh-CN", values, dedupKey);
    }

    /// <summary>Whether the request's contact wants this email: the submission confirmation always goes (it carries the
    /// reference number); replies, status changes and the auto-close notice only while "Email me about my requests" is on in their profile.</summary>
    public async Task<bool> WantedAsync(string template, RequestRow request, CancellationToken ct) =>
        template == Submitted
        || !(await mediator.Send(new GetEmailPreferences([request.CreatedBy]), ct)).TryGetValue(request.CreatedBy, out var chosen)
        || chosen.RequestEmails;

    // Email text is rendered outside a request, so the sentences are spelled out here rather than looked up.
    private string Coverage(RequestRow request, bool english) => (request.Covered, request.RespondDueAt, english) switch
    {
        (false, _, true) => $"Your organisation has no current service period for this product, so no response time is promised. To renew: {portal.Value.BaseUrl.TrimEnd('/')}/Contracts/MyService",
        (false, _, false) => $"贵单位该产品当前不在服务期内，因此不承诺响应时间。续约请访问：{portal.Value.BaseUrl.TrimEnd('/')}/Contracts/MyService",
        (true, { } due, true) => $"We will respond by {time.DateTime(due)}.",
        (true, { } due, false) => $"我们将在 {time.DateTime(due)} 前响应。",
        _ => "",
    };
}
