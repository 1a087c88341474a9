using Dapper;
using Microsoft.AspNetCore.Http;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Identity;

/// <summary>Security events shown to admins: sign-ins, failures, lockouts, role changes …</summary>
public static class AuditEvents
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string RoleChanged = "role-changed";
    public const string Locked = "locked";
    public const string Unlocked = "unlocked";
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string TwoFactorEnabled = "2fa-enabled";
    public const string TwoFactorDisabled = "2fa-disabled";
    public const string Invited = "invited";
    public const string Registered = "registered";
    public const string InvitationResent = "invitation-resent";
    public const string InvitationRevoked = "invitation-revoked";
    public const string SessionEnded = "session-ended";
    public const string SessionsEnded = "sessions-ended";

    public static readonly IReadOnlyList<string> All =
        [SignIn, SignInFailed, LockedOut, SignOut, RoleChanged, Locked, Unlocked, PasswordChanged, PasswordReset, TwoFactorEnabled, TwoFactorDisabled, Invited, Registered,
         InvitationResent, InvitationRevoked, SessionEnded, SessionsEnded];
}

public sealed class AuditLog(IDb db, TimeProvider clock, IHttpContextAccessor http)
{
    public Task WriteAsync(string evt, long? userId, string? userName, string? detail = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        var actor = context?.User.Identity?.IsAuthenticated == true ? Core.Security.CurrentUserExtensions.UserId(context.User) : null;
        return db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO acc_audit_log (at, event, user_id, user_name, actor_id, ip, detail)
            VALUES (@At, @evt, @userId, @userName, @actor, @Ip, @detail)
            """, new { At = clock.GetUtcNow(), evt, userId, userName, actor, Ip = context?.Connection.RemoteIpAddress?.ToString(), detail }, tx), ct);
    }
}
