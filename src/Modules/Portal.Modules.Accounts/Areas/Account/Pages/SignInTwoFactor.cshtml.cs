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

/// <summary>The second step of signing in: the code from the authenticator app.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class SignInTwoFactorModel(SignInManager<PortalUser> signIn, AuditLog audit, IStringLocalizer localizer) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the code from your authenticator app.")]
        public string Code { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("SignIn");
        if (!ModelState.IsValid) return Page();
        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditEvents.SignIn, user.Id, user.UserName);
            LanguageModel.Remember(Response, user.PreferredLanguage);
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditEvents.LockedOut, user.Id, user.UserName);
            ModelState.AddModelError("", localizer["This account is locked. Try again later."]);
            return Page();
        }
        await audit.WriteAsync(AuditEvents.SignInFailed, user.Id, user.UserName, "2fa");
        ModelState.AddModelError("", localizer["The code is not correct."]);
        return Page();
    }
}
