using System.Globalization;
using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using Portal.Modules.Notifications.Templates;

namespace Portal.Modules.Notifications.Mail;

/// <summary>Sends through the SMTP server named by Smtp:Host. One client per message: SmtpClient
/// cannot send two messages at once.</summary>
internal sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(RenderedEmail email, CancellationToken ct)
    {
        var o = options.Value;
        using var message = MailMessageFactory.Create(email, o);
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(o.User)) client.Credentials = new NetworkCredential(o.User, o.Password);
        // SmtpClient.Timeout only applies to the synchronous Send.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        try
        {
            await client.SendMailAsync(message, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The SMTP server {o.Host}:{o.Port} did not accept the message within {o.Timeout.TotalSeconds:0} seconds."));
        }
    }
}
