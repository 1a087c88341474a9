using MimeKit;
using Portal.Modules.Notifications.Templates;

namespace Portal.Modules.Notifications.Mail;

/// <summary>A multipart/alternative message (text/plain, then text/html) in UTF-8, base64-encoded,
/// so Chinese subjects, names and bodies arrive intact. With attachments, that part comes first in a
/// multipart/mixed followed by one base64 part per file.</summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(RenderedEmail email, SmtpOptions options)
    {
        var message = new MimeMessage { Subject = email.Subject };
        // The same for every attempt at this email (see MailIdentity); MimeKit generates one otherwise.
        if (email.Identity is { } identity) message.MessageId = identity.MessageId;
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(options.FromName) ? null : options.FromName, options.From));
        message.To.Add(Recipient(email.To));
        message.Headers.Add("Content-Language", email.Language);
        // RFC 3834: tells mail servers not to send out-of-office replies to an automatic message.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new MultipartAlternative { Part("plain", email.Text), Part("html", email.Html) };
        if (email.Attachments is not { Count: > 0 } files)
        {
            message.Body = body;
            return message;
        }
        var mixed = new Multipart("mixed") { body };
        foreach (var file in files) mixed.Add(Attachment(file));
        message.Body = mixed;
        return message;
    }

    private static MailboxAddress Recipient(string address)
    {
        if (string.IsNullOrWhiteSpace(address)) throw new FormatException("The email has no recipient address.");
        if (!MailboxAddress.TryParse(address.Trim(), out var mailbox) || !mailbox.Address.Contains('@'))
            throw new FormatException($"The recipient address \"{address}\" is not a valid email address.");
        return mailbox;
    }

    private static MimePart Attachment(Contracts.EmailAttachment file) => new(ContentType.Parse(file.ContentType))
    {
        Content = new MimeContent(new MemoryStream(file.Bytes())),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = file.FileName,
    };

    private static TextPart Part(string subtype, string content)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText("utf-8", content.ReplaceLineEndings("\r\n"));
        return part;
    }
}
