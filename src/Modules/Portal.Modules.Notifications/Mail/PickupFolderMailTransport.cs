using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Notifications.Templates;

namespace Portal.Modules.Notifications.Mail;

/// <summary>Without an SMTP server (development, demos), each email becomes an .eml file in
/// &lt;Portal:DataPath&gt;/mail that any mail client opens. Written to a temporary name and then
/// renamed, so whoever watches the folder never reads half a message. The file is named after the
/// email's row (msg-{id}.{created}.eml): writing the same email again replaces its file.</summary>
internal sealed class PickupFolderMailTransport(IOptions<SmtpOptions> options, IOptions<PortalOptions> portal) : IMailTransport
{
    public string Folder => Path.Combine(portal.Value.FullDataPath, "mail");

    public async Task SendAsync(RenderedEmail email, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var message = MimeMessageFactory.Create(email, options.Value);
        var name = email.Identity?.FileName ?? Guid.NewGuid().ToString("N") + ".eml";
        // A temporary name of its own per attempt: two attempts at once never share a half-written file.
        var temporary = Path.Combine(Folder, $"{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await message.WriteToAsync(temporary, ct);
            File.Move(temporary, Path.Combine(Folder, name), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
