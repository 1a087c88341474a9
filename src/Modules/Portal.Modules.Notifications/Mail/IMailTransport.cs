using Portal.Modules.Notifications.Templates;

namespace Portal.Modules.Notifications.Mail;

/// <summary>Hands a rendered email to the outside world; throws when it could not.</summary>
internal interface IMailTransport
{
    Task SendAsync(RenderedEmail email, CancellationToken ct);
}
