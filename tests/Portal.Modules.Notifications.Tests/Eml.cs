using MimeKit;

namespace Portal.Modules.Notifications.Tests;

/// <summary>A sent email read back with MimeKit: decoded headers and the text of each part.</summary>
internal sealed class Eml
{
    private readonly MimeMessage message;

    private Eml(MimeMessage message)
    {
        this.message = message;
        // MimeKit keeps the Content-* headers with the body entity.
        Headers = message.Headers.Concat(message.Body?.Headers ?? []).GroupBy(h => h.Field, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    public Dictionary<string, string> Headers { get; }

    public string Subject => message.Subject ?? "";

    public string PartOf(string mediaType) =>
        message.BodyParts.OfType<TextPart>().SingleOrDefault(p => p.ContentType.MimeType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))?.Text
        ?? throw new InvalidOperationException($"No {mediaType} part; parts: {string.Join(", ", message.BodyParts.Select(p => p.ContentType.MimeType))}");

    public static Eml Load(string path) => new(MimeMessage.Load(path));
}
