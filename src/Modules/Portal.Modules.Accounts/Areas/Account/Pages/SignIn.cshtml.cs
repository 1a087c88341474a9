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

[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class SignInModel(SignInManager<PortalUser> signIn, AuditLog audit, IStringLocalizer localizer) : PageModel
{
    internal const string LockedOutMessage = "This account is locked after too many failed attempts. Try again in 15 minutes or reset your password.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditEvents.SignIn, user!.Id, user.UserName);
            LanguageModel.Remember(Response, user.PreferredLanguage);
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl = SafeReturnUrl(ReturnUrl), Input.RememberMe });
        if (result is RefusedSignIn refused)
        {
            await audit.WriteAsync(AuditEvents.SignInFailed, user!.Id, user.UserName, refused.Code);
            ModelState.AddModelError("", localizer[refused.Reason]);
            return Page();
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditEvents.LockedOut, user?.Id, user?.UserName ?? Input.Email);
            ModelState.AddModelError("", user is not null && AdminLock.IsLockedByAdmin(user)
                ? localizer["This account has been locked by an administrator. Contact your administrator or account manager."]
                : localizer[LockedOutMessage]);
            return Page();
        }
        await audit.WriteAsync(AuditEvents.SignInFailed, user?.Id, user?.UserName ?? Input.Email);
        ModelState.AddModelError("", localizer["The email address or password is not correct."]);
        return Page();
    }

    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
