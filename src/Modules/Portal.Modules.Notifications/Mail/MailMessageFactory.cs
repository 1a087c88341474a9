using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Portal.Modules.Notifications.Templates;

namespace Portal.Modules.Notifications.Mail;

/// <summary>A multipart/alternative message (text/plain, then text/html), UTF-8 throughout so
/// Chinese subjects, names and bodies arrive intact.</summary>
internal static class MailMessageFactory
{
    public static MailMessage Create(RenderedEmail email, SmtpOptions options)
    {
        var message = new MailMessage
        {
            From = new MailAddress(options.From, string.IsNullOrWhiteSpace(options.FromName) ? null : options.FromName, Encoding.UTF8),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        message.To.Add(Recipient(email.To));
        message.Headers.Add("Content-Language", email.Language);
        // RFC 3834: tells mail servers not to send out-of-office replies to an automatic message.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.AlternateViews.Add(View(email.Text, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(View(email.Html, MediaTypeNames.Text.Html));
        return message;
    }

    private static MailAddress Recipient(string address)
    {
        try
        {
            return new MailAddress(address.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException($"The recipient address \"{address}\" is not a valid email address.");
        }
        catch (ArgumentException)
        {
            throw new FormatException("The email has no recipient address.");
        }
    }

    private static AlternateView View(string content, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(content.ReplaceLineEndings("\r\n"), Encoding.UTF8, mediaType);
        view.TransferEncoding = TransferEncoding.Base64;
        return view;
    }
}
