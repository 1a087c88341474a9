using System.Text;

namespace Portal.Modules.Accounts.Identity;

/// <summary>How an authenticator key is shown for setting up the app: as text in groups of four,
/// and as the otpauth:// URI the QR code carries.</summary>
public static class AuthenticatorKey
{
    public const string Issuer = "Portal";

    public static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) text.Append(' ');
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString();
    }

    public static string Uri(string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(account)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";
}
