using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Identity;
using Portal.Web;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>The second sign-in step with a one-time recovery code instead of the app.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class SignInRecoveryCodeModel(SignInManager<PortalUser> signIn, AuditLog audit, IStringLocalizer localizer) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter one of your recovery codes.")]
        [StringLength(40, ErrorMessage = "Enter one of your recovery codes.")]
        [Display(Name = "Recovery code")]
        public string RecoveryCode { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToSignIn() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToSignIn();
        if (!ModelState.IsValid) return Page();

        // Identity issues codes like "ABCDE-FGHJK"; people type them in any case and spacing.
        var code = new string(Input.RecoveryCode.Where(ch => !char.IsWhiteSpace(ch)).ToArray()).ToUpperInvariant();
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditEvents.SignIn, user.Id, user.UserName, "recovery code", HttpContext.RequestAborted);
            LanguageModel.Remember(Response, user.PreferredLanguage);
            var left = await signIn.UserManager.CountRecoveryCodesAsync(user);
            TempData["Message"] = LanguageModel.Localize(localizer, user.PreferredLanguage,
                "You signed in with a recovery code; it cannot be used again. Recovery codes left: {0}. You can generate new ones on the two-factor authentication page.", left);
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditEvents.LockedOut, user.Id, user.UserName, "recovery code", HttpContext.RequestAborted);
            ModelState.AddModelError("", localizer[SignInModel.LockedOutMessage]);
            return Page();
        }
        await audit.WriteAsync(AuditEvents.SignInFailed, user.Id, user.UserName, "recovery code", HttpContext.RequestAborted);
        ModelState.AddModelError("Input.RecoveryCode", localizer["The recovery code is not valid or has already been used."]);
        return Page();
    }

    private RedirectToPageResult RedirectToSignIn() => RedirectToPage("SignIn", new { ReturnUrl = SignInModel.SafeReturnUrl(ReturnUrl) });
}
