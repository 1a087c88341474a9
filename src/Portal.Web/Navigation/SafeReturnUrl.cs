using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Navigation;

/// <summary>Where to go after signing in or switching the language: a local URL only (checked with
/// <see cref="IUrlHelper.IsLocalUrl"/>, so "//host", "/\host", "https://host" and "javascript:" never
/// leave the site), with what a Location header cannot hold (spaces, Chinese, U+3000) percent-encoded,
/// so a redirect to it never fails; anything else is the home page.</summary>
public static class SafeReturnUrl
{
    public const string Home = "/";

    public static string From(IUrlHelper url, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl)) return Home;
        var local = returnUrl.StartsWith("~/", StringComparison.Ordinal) ? url.Content(returnUrl) : returnUrl;
        return Encode(local) is { } encoded && url.IsLocalUrl(encoded) ? encoded : Home;
    }

    /// <summary>Printable ASCII as it is (a '%' that starts no escape becomes %25); everything else as
    /// UTF-8 percent escapes; null for what is not text (a control character, a lone surrogate).</summary>
    internal static string? Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%')
                text.Append(i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]) ? "%" : "%25");
            else if (c is > ' ' and < '\u007f')
                text.Append(c);
            else if (char.IsControl(c))
                return null;
            else
            {
                int scalar;
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) scalar = char.ConvertToUtf32(c, value[++i]);
                else if (char.IsSurrogate(c)) return null;
                else scalar = c;
                var length = new Rune(scalar).EncodeToUtf8(bytes);
                foreach (var b in bytes[..length]) text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
