using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Identity;
using Portal.Web.Navigation;
using Portal.Web;
using Portal.Web.Localization;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>The second sign-in step: a code from the authenticator app. Reached from SignIn when
/// the password was right and the account has two-factor authentication on.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class SignInTwoFactorModel(IMediator mediator, SignInManager<PortalUser> signIn, IStringLocalizer localizer) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your app.")]
        [StringLength(10, ErrorMessage = "Enter the 6-digit code from your app.")]
        [Display(Name = "Code from the app")]
        public string Code { get; set; } = "";

        public bool RememberMachine { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToSignIn() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToSignIn();
        if (!ModelState.IsValid) return Page();

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorCode.Authenticator(Input.Code), RememberMe, Input.RememberMachine);
        if (result.Succeeded)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.SignIn, user.Id, user.UserName, "authenticator"), HttpContext.RequestAborted);
            CultureCookie.Remember(Response, user.PreferredLanguage);
            return LocalRedirect(SafeReturnUrl.From(Url, ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.LockedOut, user.Id, user.UserName, "authenticator"), HttpContext.RequestAborted);
            ModelState.AddModelError("", localizer[LockoutMessage.AfterFailedAttempts]);
            return Page();
        }
        await mediator.Send(new RecordSecurityEvent(AuditEvents.SignInFailed, user.Id, user.UserName, "authenticator"), HttpContext.RequestAborted);
        ModelState.AddModelError("Input.Code", localizer["The code is not correct. Check that the time on your phone is right, then enter the code the app shows now."]);
        return Page();
    }

    private RedirectToPageResult RedirectToSignIn() => RedirectToPage("SignIn", new { ReturnUrl = SafeReturnUrl.From(Url, ReturnUrl) });
}
