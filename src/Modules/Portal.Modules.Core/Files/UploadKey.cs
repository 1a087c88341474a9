using System.Globalization;
using System.Security.Cryptography;

namespace Portal.Modules.Core.Files;

/// <summary>An upload's idempotency key: made when the upload form is rendered (a hidden field
/// named <see cref="FieldName"/>), sent again by a retry of the same form. It counts only for the
/// same uploader, so a key seen by someone else finds nothing.</summary>
public sealed record UploadKey(string Key, string Uploader)
{
    public const string FieldName = "UploadKey";

    /// <summary>The header a client streaming its body (no form field) sends the key in.</summary>
    public const string HeaderName = "X-Upload-Key";

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Null when there is no key, it is not 16 to 64 letters, digits, '-' or '_', or nobody is signed in.</summary>
    public static UploadKey? For(string? key, long? userId) =>
        userId is { } id && key is { Length: >= 16 and <= 64 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? new UploadKey(key, id.ToString(CultureInfo.InvariantCulture))
            : null;
}
