using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>Two-factor authentication with an authenticator app: set up, recovery codes, reset,
/// and turning it off (not for administrators, whose pages require it).</summary>
[Authorize(Policy = PortalPolicies.SignedIn)]
public sealed class TwoFactorModel(SignInManager<PortalUser> signIn, AuditLog audit, IStringLocalizer localizer) : PageModel
{
    public const string Issuer = "Portal";
    public const int RecoveryCodeCount = 10;

    public sealed class InputModel
    {
        [Display(Name = "Code from the app")]
        public string? Code { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set when the app sent an administrator here because two-factor is missing.</summary>
    public bool Required { get; private set; }

    public bool IsEnabled { get; private set; }

    public bool IsAdmin { get; private set; }

    /// <summary>Whether this session was signed in with a second factor (what admin pages check).</summary>
    public bool SignedInWithSecondFactor { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    /// <summary>Recovery codes shown once, right after they were generated.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public bool JustEnabled { get; private set; }

    private UserManager<PortalUser> Users => signIn.UserManager;

    public async Task<IActionResult> OnGetAsync(int? required)
    {
        Required = required == 1;
        if (await Users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage("TwoFactor");
        var code = CleanCode(Input.Code);
        if (code.Length == 0)
            ModelState.AddModelError("Input.Code", localizer["Enter the 6-digit code from your app."]);
        else if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
            ModelState.AddModelError("Input.Code", localizer["The code is not correct. Check that the time on your phone is right, then enter the code the app shows now."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        await Users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await audit.WriteAsync(AuditEvents.TwoFactorEnabled, user.Id, user.UserName, ct: HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        JustEnabled = true;
        Input = new InputModel();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage("TwoFactor");
        NewRecoveryCodes = [.. await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage("TwoFactor");
        if (await Users.IsInRoleAsync(user, PortalRoles.Admin))
        {
            ModelState.AddModelError("", localizer["Administrators must keep two-factor authentication on."]);
            await LoadAsync(user);
            return Page();
        }
        await Users.SetTwoFactorEnabledAsync(user, false);
        await audit.WriteAsync(AuditEvents.TwoFactorDisabled, user.Id, user.UserName, ct: HttpContext.RequestAborted);
        await SignInWithoutSecondFactorAsync(user);
        TempData["Message"] = localizer["Two-factor authentication is off."].Value;
        return RedirectToPage("TwoFactor");
    }

    /// <summary>A new key (after a lost or replaced phone). Two-factor stays off until the new key
    /// is verified, and the session loses its second factor, so admin pages close until then.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user) return Challenge();
        var wasEnabled = user.TwoFactorEnabled;
        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.ResetAuthenticatorKeyAsync(user);
        if (wasEnabled)
            await audit.WriteAsync(AuditEvents.TwoFactorDisabled, user.Id, user.UserName, "authenticator key reset", HttpContext.RequestAborted);
        await SignInWithoutSecondFactorAsync(user);
        TempData["Message"] = localizer["Your authenticator key has been reset. Add the new key to your app and verify a code to turn two-factor authentication on again."].Value;
        return RedirectToPage("TwoFactor");
    }

    /// <summary>After enabling: sign out, so the next sign-in asks for the code and the session
    /// carries the second factor that admin pages need.</summary>
    public async Task<IActionResult> OnPostSignInAgainAsync()
    {
        await audit.WriteAsync(AuditEvents.SignOut, User.UserId(), User.Identity?.Name, ct: HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("SignIn");
    }

    private async Task LoadAsync(PortalUser user)
    {
        IsEnabled = user.TwoFactorEnabled;
        IsAdmin = await Users.IsInRoleAsync(user, PortalRoles.Admin);
        SignedInWithSecondFactor = User.HasClaim("amr", "mfa");
        RecoveryCodesLeft = IsEnabled ? await Users.CountRecoveryCodesAsync(user) : 0;
        if (IsEnabled) return;

        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await Users.ResetAuthenticatorKeyAsync(user);
            // The new key renewed the security stamp; keep this session valid.
            await signIn.RefreshSignInAsync(user);
            key = await Users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = FormatKey(key);
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? user.UserName)}" +
                           $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
    }

    private async Task SignInWithoutSecondFactorAsync(PortalUser user)
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInAsync(user, current.Properties ?? new AuthenticationProperties(), authenticationMethod: null);
    }

    internal static string CleanCode(string? code) =>
        new((code ?? "").Where(ch => !char.IsWhiteSpace(ch) && ch != '-').ToArray());

    internal static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) text.Append(' ');
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString();
    }
}
