namespace Portal.Modules.Accounts.Identity;

/// <summary>Where to go after signing in or switching the language: a local path only, so a crafted
/// link cannot send someone to another site ("//host" and "/\host" leave the site in browsers).</summary>
public static class SafeReturnUrl
{
    public static string From(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
