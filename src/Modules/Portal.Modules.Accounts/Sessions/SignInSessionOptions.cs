namespace Portal.Modules.Accounts.Sessions;

/// <summary>How long a sign-in lasts (Accounts:Sessions). Idle: since the last request (seen at
/// most once a minute); absolute: since the sign-in. Staff and administrators get the shorter pair.</summary>
public sealed class SignInSessionOptions
{
    public const string Section = "Accounts:Sessions";

    public TimeSpan CustomerIdle { get; set; } = TimeSpan.FromHours(8);

    public TimeSpan CustomerAbsolute { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan StaffIdle { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan StaffAbsolute { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a node trusts a session row it has read. A sign-out on another node holds
    /// here within this time; keep it at a few seconds.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>last_seen_at is written at most this often per session.</summary>
    public TimeSpan TouchEvery { get; set; } = TimeSpan.FromMinutes(1);
}
