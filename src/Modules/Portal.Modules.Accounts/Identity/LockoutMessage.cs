namespace Portal.Modules.Accounts.Identity;

/// <summary>What a locked-out account is told (localization keys): the automatic lockout after
/// failed attempts ends by itself, an administrator's lock (<see cref="AdminLock"/>) does not.</summary>
public static class LockoutMessage
{
    public const string AfterFailedAttempts = "This account is locked after too many failed attempts. Try again in 15 minutes or reset your password.";

    /// <summary>Told only after a correct password ({0}: when the lockout ends).</summary>
    public const string AfterFailedAttemptsUntil = "This account is locked after too many failed attempts. It opens again at {0}; you can also reset your password now.";

    public const string ByAdministrator = "This account has been locked by an administrator. Contact your administrator or account manager.";

    /// <summary>The message for a password sign-in refused by a lockout (the user is null when the
    /// address belongs to no account).</summary>
    public static string For(PortalUser? user) => user is not null && AdminLock.IsLockedByAdmin(user) ? ByAdministrator : AfterFailedAttempts;
}
