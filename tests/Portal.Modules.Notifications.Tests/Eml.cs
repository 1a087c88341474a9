using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Modules.Notifications.Tests;

/// <summary>Just enough of MIME (RFC 2045/2047) to read what System.Net.Mail writes: unfolded
/// headers with encoded words decoded, and the parts of a multipart body, transfer-decoded.</summary>
internal sealed partial class Eml
{
    private Eml(Dictionary<string, string> headers, IReadOnlyList<Part> parts)
    {
        Headers = headers;
        Parts = parts;
    }

    public sealed record Part(string ContentType, string Body);

    public Dictionary<string, string> Headers { get; }

    public IReadOnlyList<Part> Parts { get; }

    public string Subject => Headers["Subject"];

    public string PartOf(string mediaType) =>
        Parts.SingleOrDefault(p => p.ContentType.StartsWith(mediaType, StringComparison.OrdinalIgnoreCase))?.Body
        ?? throw new InvalidOperationException($"No {mediaType} part; parts: {string.Join(", ", Parts.Select(p => p.ContentType))}");

    public static Eml Load(string path) => Parse(File.ReadAllText(path, Encoding.ASCII));

    public static Eml Parse(string raw)
    {
        var (headers, body) = Split(raw.ReplaceLineEndings("\n"));
        var contentType = headers.GetValueOrDefault("Content-Type", "text/plain");
        var parts = new List<Part>();
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = Boundary().Match(contentType).Groups[1].Value.Trim('"');
            foreach (var chunk in body.Split("--" + boundary).Skip(1))
            {
                if (chunk.StartsWith("--", StringComparison.Ordinal)) break;
                var (partHeaders, partBody) = Split(chunk.TrimStart('\n'));
                parts.Add(new Part(partHeaders.GetValueOrDefault("Content-Type", "text/plain"), Decode(partHeaders, partBody)));
            }
        }
        else
        {
            parts.Add(new Part(contentType, Decode(headers, body)));
        }
        return new Eml(headers, parts);
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string text)
    {
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? "" : text[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Regex.Replace(head, @"\n[ \t]+", " ").Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[line[..colon].Trim()] = DecodeWords(line[(colon + 1)..].Trim());
        }
        return (headers, body);
    }

    private static string Decode(Dictionary<string, string> headers, string body)
    {
        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").ToLowerInvariant();
        var bytes = encoding switch
        {
            "base64" => Convert.FromBase64String(body.Trim()),
            "quoted-printable" => QuotedPrintable(body, underscoreIsSpace: false),
            _ => Encoding.Latin1.GetBytes(body),
        };
        return Encoding.UTF8.GetString(bytes);
    }

    private static string DecodeWords(string value) =>
        EncodedWord().Replace(AdjacentWords().Replace(value, "?==?"), m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var bytes = m.Groups[2].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(m.Groups[3].Value)
                : QuotedPrintable(m.Groups[3].Value, underscoreIsSpace: true);
            return charset.GetString(bytes);
        });

    private static byte[] QuotedPrintable(string text, bool underscoreIsSpace)
    {
        var bytes = new List<byte>();
        text = text.Replace("=\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add(underscoreIsSpace && text[i] == '_' ? (byte)' ' : (byte)text[i]);
            }
        }
        return [.. bytes];
    }

    [GeneratedRegex(@"boundary=(""[^""]+""|[^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    // RFC 2047: whitespace between two encoded words is not part of the text.
    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWords();
}
