using System.Security.Cryptography;
using System.Text;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>An invitation's token: 32 random bytes in the link (base64url), only its SHA-256 in the database.</summary>
internal static class SurveyToken
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form; null when <paramref name="token"/> cannot be one of ours (wrong length or alphabet).</summary>
    public static string? Hash(string? token)
    {
        if (token is not { Length: 43 } || !token.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')) return null;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
