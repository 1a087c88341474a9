using System.Globalization;

namespace Portal.Modules.Notifications.Mail;

/// <summary>The Message-ID and pickup-file name of one email, both derived from its nt_messages
/// row, so every attempt at the same email (a retry, or a resend after the process was killed
/// between handing it over and recording it as sent) carries the same ones: the pickup folder
/// replaces the file instead of gaining a second, and a receiving mail system can drop the copy.
/// The row's creation second keeps them unique when a new database starts ids at 1 again.</summary>
internal sealed record MailIdentity(string MessageId, string FileName)
{
    public static MailIdentity For(long messageRowId, DateTimeOffset createdAt, string baseUrl)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{messageRowId}.{createdAt.ToUnixTimeSeconds()}");
        return new MailIdentity($"portal-msg-{key}@{Host(baseUrl)}", $"msg-{key}.eml");
    }

    // The public base URL's host (IDN in its ASCII form), e.g. support.example.com.
    private static string Host(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.IdnHost is { Length: > 0 } host ? host : "localhost";
}
