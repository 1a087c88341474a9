using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Notifications.Contracts;
using Portal.Modules.Notifications.Mail;
using Portal.Modules.Notifications.Templates;
using Portal.Web.Localization;

namespace Portal.Modules.Notifications.Delivery;

/// <summary>Delivers an <see cref="EmailRequested"/> published by the outbox dispatcher. The
/// outbox delivers at least once, so an email already sent for the same dedup key is skipped.
/// Any failure is recorded on the message and rethrown: the outbox retries with backoff and
/// dead-letters the event after its last attempt. Every attempt at one email carries the same
/// Message-ID and pickup-file name (<see cref="MailIdentity"/>), so a resend after a crash between
/// handing the email over and recording it as sent replaces rather than duplicates it.</summary>
internal sealed class SendEmailHandler(MessageStore messages, EmailTemplateStore templates, IMailTransport transport,
    IOptions<PortalOptions> portal, ILogger<SendEmailHandler> logger) : INotificationHandler<EmailRequested>
{
    public async Task Handle(EmailRequested email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email.DedupKey))
            throw new InvalidOperationException($"The email \"{email.Template}\" to {email.To} has no dedup key; it cannot be delivered safely.");
        var language = PortalCultures.Normalize(email.Language);
        var attempt = await messages.BeginAttemptAsync(email, language, cancellationToken);
        if (attempt is null)
        {
            logger.LogInformation("Email {DedupKey} was already sent; the repeated request is ignored", email.DedupKey);
            return;
        }

        RenderedEmail? rendered = null;
        try
        {
            rendered = EmailRenderer.Render(templates.Get(email.Template, language), email.To, email.Values) with
            {
                Attachments = email.Attachments,
                Identity = MailIdentity.For(attempt.Id, attempt.CreatedAt, portal.Value.BaseUrl),
            };
            await transport.SendAsync(rendered, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await messages.MarkFailedAsync(attempt.Id, rendered?.Subject, Describe(ex));
            logger.LogWarning(ex, "Email {DedupKey} ({Template}) to {To} failed", email.DedupKey, email.Template, email.To);
            throw;
        }
        await messages.MarkSentAsync(attempt.Id, rendered.Subject);
        logger.LogInformation("Email {DedupKey} ({Template}) sent to {To}", email.DedupKey, email.Template, email.To);
    }

    // SmtpException says "Failure sending mail."; the inner exception says why.
    private static string Describe(Exception ex)
    {
        var inner = ex.GetBaseException();
        return inner == ex || inner.Message == ex.Message ? ex.Message : $"{ex.Message} {inner.Message}";
    }
}
