using Portal.Modules.Accounts.Identity;

namespace Portal.Modules.Accounts.Admin;

/// <summary>The audit event codes in words (English; the localization key).</summary>
public static class AuditEventNames
{
    public static string Describe(string evt) => evt switch
    {
        AuditEvents.SignIn => "Signed in",
        AuditEvents.SignInFailed => "Sign-in failed",
        AuditEvents.LockedOut => "Locked out after failed attempts",
        AuditEvents.SignOut => "Signed out",
        AuditEvents.RoleChanged => "Role changed",
        AuditEvents.Locked => "Account locked",
        AuditEvents.Unlocked => "Account unlocked",
        AuditEvents.PasswordChanged => "Password changed",
        AuditEvents.PasswordReset => "Password reset",
        AuditEvents.TwoFactorEnabled => "Two-factor authentication enabled",
        AuditEvents.TwoFactorDisabled => "Two-factor authentication disabled",
        AuditEvents.Invited => "Invited",
        AuditEvents.Registered => "Registered",
        AuditEvents.InvitationResent => "Invitation sent again",
        AuditEvents.InvitationRevoked => "Invitation withdrawn",
        AuditEvents.SessionEnded => "Signed out on one device",
        AuditEvents.SessionsEnded => "Signed out everywhere",
        _ => evt,
    };
}

/// <summary>Role names in words (the localization key).</summary>
public static class RoleNames
{
    public static string Describe(string role) => role switch
    {
        Core.Security.PortalRoles.Customer => "Customer",
        Core.Security.PortalRoles.Staff => "Staff member",
        Core.Security.PortalRoles.Admin => "Administrator",
        _ => role,
    };
}
