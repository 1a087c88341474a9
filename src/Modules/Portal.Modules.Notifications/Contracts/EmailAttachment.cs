namespace Portal.Modules.Notifications.Contracts;

/// <summary>A file sent with an <see cref="EmailRequested"/>, e.g. an invitation.ics. Keep it small:
/// it travels inside the outbox row. <paramref name="Content"/> is the text of the file (UTF-8),
/// unless <paramref name="Base64"/> is true, then it is the file's bytes in base64.</summary>
/// <param name="FileName">The name the recipient sees, e.g. "training.ics".</param>
/// <param name="ContentType">The media type, e.g. "text/calendar; method=REQUEST".</param>
public sealed record EmailAttachment(string FileName, string ContentType, string Content, bool Base64 = false)
{
    public byte[] Bytes() => Base64 ? Convert.FromBase64String(Content) : System.Text.Encoding.UTF8.GetBytes(Content);
}
