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

/// <summary>The second sign-in step with a one-time recovery code instead of the app.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class SignInRecoveryCodeModel(IMediator mediator, SignInManager<PortalUser> signIn, IStringLocalizer localizer) : PageModel
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

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCode.Recovery(Input.RecoveryCode));
        if (result.Succeeded)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.SignIn, user.Id, user.UserName, "recovery code"), HttpContext.RequestAborted);
            CultureCookie.Remember(Response, user.PreferredLanguage);
            var left = await mediator.Send(new CountRecoveryCodes(user), HttpContext.RequestAborted);
            TempData["Message"] = CultureText.Localize(localizer, user.PreferredLanguage,
                "You signed in with a recovery code; it cannot be used again. Recovery codes left: {0}. You can generate new ones on the two-factor authentication page.", left);
            return LocalRedirect(SafeReturnUrl.From(Url, ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.LockedOut, user.Id, user.UserName, "recovery code"), HttpContext.RequestAborted);
            ModelState.AddModelError("", localizer[LockoutMessage.AfterFailedAttempts]);
            return Page();
        }
        await mediator.Send(new RecordSecurityEvent(AuditEvents.SignInFailed, user.Id, user.UserName, "recovery code"), HttpContext.RequestAborted);
        ModelState.AddModelError("Input.RecoveryCode", localizer["The recovery code is not valid or has already been used."]);
        return Page();
    }

    private RedirectToPageResult RedirectToSignIn() => RedirectToPage("SignIn", new { ReturnUrl = SafeReturnUrl.From(Url, ReturnUrl) });

    /// <summary>How many unused recovery codes the user has left.</summary>
    public sealed record CountRecoveryCodes(PortalUser User) : IRequest<int>;

    internal sealed class Handler(UserManager<PortalUser> users) : IRequestHandler<CountRecoveryCodes, int>
    {
        public Task<int> Handle(CountRecoveryCodes request, CancellationToken ct) => users.CountRecoveryCodesAsync(request.User);
    }
}
