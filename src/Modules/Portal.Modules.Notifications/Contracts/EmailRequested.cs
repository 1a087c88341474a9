using MediatR;

namespace Portal.Modules.Notifications.Contracts;

/// <summary>Ask for an email. Other modules write this event into the outbox in the same
/// transaction as the change that causes it; the Notifications module renders the template
/// in <paramref name="Language"/> and delivers it once per <paramref name="DedupKey"/>.</summary>
/// <param name="To">Recipient address.</param>
/// <param name="Template">Template name, e.g. "accounts.invitation".</param>
/// <param name="Language">"zh-CN" or "en"; anything else falls back to zh-CN.</param>
/// <param name="Values">Placeholder values ({{name}} in the template).</param>
/// <param name="DedupKey">One email per key, ever.</param>
/// <param name="Attachments">Files sent with the email (optional; see <see cref="EmailAttachment"/>).</param>
public sealed record EmailRequested(string To, string Template, string Language, IReadOnlyDictionary<string, string> Values, string DedupKey,
    IReadOnlyList<EmailAttachment>? Attachments = null) : INotification;
