namespace Portal.Modules.Core.Files;

/// <summary>How an uploaded file is served: only raster images of a known type are shown inline
/// (with their own content type); everything else, SVG included, is an attachment of type
/// application/octet-stream. Responses always carry nosniff (SecurityHeadersMiddleware).</summary>
public static class FileTypes
{
    private static readonly Dictionary<string, string> InlineImages = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
    };

    /// <summary>The content type and whether the file may be shown inline.</summary>
    public static (string ContentType, bool Inline) Serve(string fileName) =>
        InlineImages.TryGetValue(Path.GetExtension(fileName), out var type) ? (type, true) : ("application/octet-stream", false);

    /// <summary>A display name safe for a Content-Disposition header and a URL segment: no
    /// folders, no control or format (bidi) characters, at most 120 characters.</summary>
    public static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !Text.InvisibleCharacters.IsInvisible(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim().Trim('.');
        if (name.Length > 120) name = name[^120..];
        return name.Length == 0 ? "file" : name;
    }
}
