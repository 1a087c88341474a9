using System.Net.Mail;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Notifications.Templates;

namespace Portal.Modules.Notifications.Mail;

/// <summary>Without an SMTP server (development, demos), each email becomes an .eml file in
/// &lt;Portal:DataPath&gt;/mail that any mail client opens.</summary>
internal sealed class PickupFolderMailTransport(IOptions<SmtpOptions> options, IOptions<PortalOptions> portal) : IMailTransport
{
    public string Folder => Path.Combine(portal.Value.FullDataPath, "mail");

    public async Task SendAsync(RenderedEmail email, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        using var message = MailMessageFactory.Create(email, options.Value);
        using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Folder };
        await client.SendMailAsync(message, ct);
    }
}
