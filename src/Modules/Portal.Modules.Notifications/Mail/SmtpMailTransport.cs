using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Portal.Modules.Notifications.Templates;

namespace Portal.Modules.Notifications.Mail;

/// <summary>Sends through the SMTP server named by Smtp:Host (MailKit), one connection per message.
/// With Smtp:EnableSsl, port 465 speaks TLS from the start and any other port upgrades with STARTTLS.</summary>
internal sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(RenderedEmail email, CancellationToken ct)
    {
        var o = options.Value;
        var message = MimeMessageFactory.Create(email, o);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            var security = !o.EnableSsl ? SecureSocketOptions.None : o.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(o.Host!, o.Port, security, timeout.Token);
            if (!string.IsNullOrEmpty(o.User)) await client.AuthenticateAsync(o.User, o.Password ?? "", timeout.Token);
            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The SMTP server {o.Host}:{o.Port} did not accept the message within {o.Timeout.TotalSeconds:0} seconds."));
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException
            or MailKit.CommandException or AuthenticationException or System.Security.Authentication.AuthenticationException)
        {
            // Staff read this on the outgoing-mail page: say which server, then what it answered.
            throw new IOException($"Sending through the SMTP server {o.Host}:{o.Port} failed: {ex.Message}", ex);
        }
    }
}
