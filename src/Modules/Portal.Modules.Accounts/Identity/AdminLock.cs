namespace Portal.Modules.Accounts.Identity;

/// <summary>An administrator's lock: a lockout end far in the future (and representable on both
/// databases), unlike the 15-minute lockout after failed sign-ins.</summary>
public static class AdminLock
{
    public static readonly DateTimeOffset Until = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsLockedByAdmin(PortalUser user) => user.LockoutEnd >= Until;
}
