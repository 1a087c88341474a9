using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Portal.Modules.Core.Files;

namespace Portal.Modules.Feedback.Attachments;

/// <summary>Reads a multipart form section by section without buffering it: the antiforgery token
/// must be the first part and is validated before anything else is read; text fields are collected
/// (each at most <see cref="MaxFieldChars"/> characters); each file part is handed to a callback
/// while it streams. Null when the body is not such a form or the token is wrong.</summary>
public sealed class StreamedForm
{
    public const string TokenField = "__RequestVerificationToken";
    public const int MaxFieldChars = 200_000;
    private const int MaxFields = 100;

    private StreamedForm(Dictionary<string, List<string>> fields) => Fields = fields;

    public IReadOnlyDictionary<string, List<string>> Fields { get; }

    public string? this[string name] => Fields.TryGetValue(name, out var values) ? values[0] : null;

    public bool Has(string name) => Fields.ContainsKey(name);

    /// <param name="onFile">Called with the cleaned file name, the part's body and the file's upload key
    /// (the form's <see cref="UploadKey.FieldName"/> field, when it came before the file, and the file's
    /// position) for each non-empty file part.</param>
    public static async Task<StreamedForm?> ReadAsync(HttpContext http, IAntiforgery antiforgery, long maxBodyBytes,
        Func<string, Stream, string?, Task> onFile, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBodyBytes;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return null;
        var reader = new MultipartReader(boundary, http.Request.Body);
        var section = await reader.ReadNextSectionAsync(ct);
        if (section is null || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var first)
            || !first.IsFormDisposition() || first.Name.Value != TokenField)
            return null;
        http.Request.Headers["RequestVerificationToken"] = await ReadTextAsync(section.Body, 4096, ct) ?? "";
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }

        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var files = 0;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var part)) continue;
            if (part.IsFileDisposition())
            {
                var raw = part.FileNameStar.HasValue ? part.FileNameStar.Value : HeaderUtilities.RemoveQuotes(part.FileName).Value;
                var uploadKey = fields.TryGetValue(UploadKey.FieldName, out var keys) && keys[0].Length <= 64 ? $"{keys[0]}-{files++}" : null;
                if (!string.IsNullOrWhiteSpace(raw)) await onFile(FileTypes.CleanName(raw), section.Body, uploadKey);
                await section.Body.CopyToAsync(Stream.Null, ct);
            }
            else if (part.IsFormDisposition() && part.Name.Value is { Length: > 0 } name)
            {
                if (fields.Count >= MaxFields) return null;
                var text = await ReadTextAsync(section.Body, MaxFieldChars * 4, ct) ?? new string('x', MaxFieldChars + 1);
                if (!fields.TryGetValue(name, out var values)) fields[name] = values = [];
                values.Add(text.Replace("\r\n", "\n", StringComparison.Ordinal));
            }
        }
        return new StreamedForm(fields);
    }

    /// <summary>The part as UTF-8 text, or null when it has more than <paramref name="maxBytes"/> bytes (the rest is skipped).</summary>
    private static async Task<string?> ReadTextAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await body.CopyToAsync(Stream.Null, ct);
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
