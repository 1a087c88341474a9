namespace Portal.Modules.Notifications.Templates;

/// <summary>An email ready for the transport: the plain-text part and the HTML part carry the same text.
/// <see cref="Identity"/> (set for every outbox email) fixes its Message-ID and pickup-file name.</summary>
internal sealed record RenderedEmail(string To, string Language, string Subject, string Text, string Html,
    IReadOnlyList<Contracts.EmailAttachment>? Attachments = null)
{
    public Mail.MailIdentity? Identity { get; init; }
}
