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

/// <summary>The password step. The sign-in itself stays in the page (it writes the cookie); the
/// account lookup and the security log go through the mediator.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class SignInModel(IMediator mediator, SignInManager<PortalUser> signIn, IStringLocalizer localizer) : PageModel
{
    internal const string WrongPassword = "The email address or password is not correct.";

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
        // No cancellation: a failed attempt is logged even when the client goes away.
        if (!ModelState.IsValid) return Page();
        var user = await mediator.Send(new FindAccount(Input.Email.Trim()));
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.SignIn, user!.Id, user.UserName));
            CultureCookie.Remember(Response, user.PreferredLanguage);
            return LocalRedirect(SafeReturnUrl.From(Url, ReturnUrl));
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl = SafeReturnUrl.From(Url, ReturnUrl), Input.RememberMe });
        if (result is RefusedSignIn refused)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.SignInFailed, user!.Id, user.UserName, refused.Code));
            ModelState.AddModelError("", localizer[refused.Reason]);
            return Page();
        }
        if (result.IsLockedOut)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.LockedOut, user?.Id, user?.UserName ?? Input.Email));
            ModelState.AddModelError("", localizer[LockoutMessage.For(user)]);
            return Page();
        }
        await mediator.Send(new RecordSecurityEvent(AuditEvents.SignInFailed, user?.Id, user?.UserName ?? Input.Email));
        ModelState.AddModelError("", localizer[WrongPassword]);
        return Page();
    }

    /// <summary>The account with this email address, or null.</summary>
    public sealed record FindAccount(string Email) : IRequest<PortalUser?>;

    internal sealed class Handler(UserManager<PortalUser> users) : IRequestHandler<FindAccount, PortalUser?>
    {
        public Task<PortalUser?> Handle(FindAccount request, CancellationToken ct) => users.FindByEmailAsync(request.Email);
    }
}
