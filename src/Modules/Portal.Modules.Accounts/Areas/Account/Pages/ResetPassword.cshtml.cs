using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Identity;
using Portal.Web;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>Sets a new password from an emailed link. A successful reset also ends a lockout
/// caused by failed sign-ins (not one set by an administrator).</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class ResetPasswordModel(IMediator mediator, IStringLocalizer localizer, IOptions<IdentityOptions> identity) : PageModel
{
    internal const string InvalidLink = "This password reset link is invalid or has expired. Request a new one.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool LinkComplete => !string.IsNullOrEmpty(UserId) && !string.IsNullOrEmpty(Code);

    public int MinimumPasswordLength => identity.Value.Password.RequiredLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!LinkComplete || !ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(UserId!, Code!, Input.Password), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.InvalidToken)) ModelState.AddModelError("", localizer[InvalidLink]);
                else ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }
        TempData["Message"] = localizer["Your password has been changed. Sign in with the new password."].Value;
        return RedirectToPage("SignIn");
    }

    /// <summary>The user id and Base64Url code from the link and the new password. A link that names
    /// no user or carries no readable code fails as an invalid token.</summary>
    public sealed record Command(string UserId, string Code, string Password) : IRequest<IdentityResult>;

    internal sealed class Handler(UserManager<PortalUser> users, AuditLog audit, IOptions<IdentityOptions> identity, TimeProvider clock, Sessions.SessionStore sessions)
        : IRequestHandler<Command, IdentityResult>
    {
        public async Task<IdentityResult> Handle(Command command, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(command.UserId);
            var token = AccountEmails.DecodeToken(command.Code);
            if (user is null || token is null) return IdentityResult.Failed(users.ErrorDescriber.InvalidToken());

            var result = await users.ResetPasswordAsync(user, token, command.Password);
            if (!result.Succeeded) return result;

            // An administrator's lock runs far beyond the automatic one and stays in place.
            if (user.LockoutEnd is { } end && end <= clock.GetUtcNow() + identity.Value.Lockout.DefaultLockoutTimeSpan)
                await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await sessions.EndAllAsync(user.Id, exceptId: null, ct);
            await audit.WriteAsync(AuditEvents.PasswordReset, user.Id, user.UserName, ct: ct);
            return result;
        }
    }
}
