namespace Portal.Modules.Accounts.Identity;

/// <summary>Second-factor codes as people type them, cleaned up before Identity checks them.</summary>
public static class TwoFactorCode
{
    /// <summary>An authenticator app's code without the spaces and hyphens people add ("123 456").</summary>
    public static string Authenticator(string? code) =>
        new((code ?? "").Where(ch => !char.IsWhiteSpace(ch) && ch != '-').ToArray());

    /// <summary>Identity issues recovery codes like "ABCDE-FGHJK"; people type them in any case and spacing.</summary>
    public static string Recovery(string? code) =>
        new string((code ?? "").Where(ch => !char.IsWhiteSpace(ch)).ToArray()).ToUpperInvariant();
}
