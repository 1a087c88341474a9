namespace Portal.Modules.Notifications.Templates;

/// <summary>An email ready for the transport: the plain-text part and the HTML part carry the same text.</summary>
internal sealed record RenderedEmail(string To, string Language, string Subject, string Text, string Html,
    IReadOnlyList<Contracts.EmailAttachment>? Attachments = null);
