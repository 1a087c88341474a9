using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Notifications.Contracts;

namespace Portal.Modules.Accounts.Identity;

/// <summary>Emails about an account (templates owned by the Notifications module) and the links
/// they carry. Identity's tokens are Base64Url-encoded so they survive the URL.</summary>
internal static class AccountEmails
{
    public const string ResetPasswordTemplate = "accounts.reset-password";
    public const string ConfirmEmailTemplate = "accounts.confirm-email";
    public const string LockedOutTemplate = "accounts.locked-out";

    /// <summary>Queues an email with the {name, link} values through the outbox; false when the
    /// dedup key was used before.</summary>
    public static Task<bool> EnqueueAsync(IDb db, IOutbox outbox, PortalUser user, string template, string link, string dedupKey, CancellationToken ct) =>
        EnqueueAsync(db, outbox, user, template, link, dedupKey, new Dictionary<string, string>(), ct);

    /// <summary>The same with more template values besides {name, link}.</summary>
    public static Task<bool> EnqueueAsync(IDb db, IOutbox outbox, PortalUser user, string template, string link, string dedupKey,
        Dictionary<string, string> values, CancellationToken ct)
    {
        values["name"] = Name(user);
        values["link"] = link;
        var email = new EmailRequested(user.Email!, template, user.PreferredLanguage, values, dedupKey);
        return db.WriteAsync((c, tx) => outbox.EnqueueAsync(c, tx, email, dedupKey), ct);
    }

    public static string Name(PortalUser user) => string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName;

    public static string Link(PortalOptions portal, string page, long userId, string token) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{portal.BaseUrl.TrimEnd('/')}/Account/{page}?userId={userId}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}");

    /// <summary>The token in a link, or null when the text is not Base64Url.</summary>
    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 2000) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
