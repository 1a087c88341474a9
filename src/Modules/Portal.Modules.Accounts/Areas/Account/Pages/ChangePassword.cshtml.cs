using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

[Authorize(Policy = PortalPolicies.SignedIn)]
public sealed class ChangePasswordModel(
    IMediator mediator, SignInManager<PortalUser> signIn, IStringLocalizer localizer, IOptions<IdentityOptions> identity) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The passwords do not match.")]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int MinimumPasswordLength => identity.Value.Password.RequiredLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var (user, result) = await mediator.Send(new Command(User, Input.CurrentPassword, Input.NewPassword, Sessions.CurrentSession.Id(HttpContext)), HttpContext.RequestAborted);
        if (user is null) return Challenge();
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            return Page();
        }
        // The password change renewed the security stamp; a fresh cookie keeps this session valid.
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = localizer["Your password has been changed."].Value;
        return RedirectToPage("ChangePassword");
    }

    /// <summary>Changes the signed-in user's password. The user is null when the session names no
    /// account; it is returned for renewing the sign-in cookie.</summary>
    /// <remarks>The user's other sessions end; <paramref name="KeepSessionId"/> (this one) stays.</remarks>
    public sealed record Command(ClaimsPrincipal User, string CurrentPassword, string NewPassword, string? KeepSessionId = null) : IRequest<(PortalUser? User, IdentityResult Result)>;

    internal sealed class Handler(UserManager<PortalUser> users, AuditLog audit, Sessions.SessionStore sessions) : IRequestHandler<Command, (PortalUser? User, IdentityResult Result)>
    {
        public async Task<(PortalUser? User, IdentityResult Result)> Handle(Command command, CancellationToken ct)
        {
            if (await users.GetUserAsync(command.User) is not { } user) return (null, IdentityResult.Failed());
            var result = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (result.Succeeded)
            {
                await sessions.EndAllAsync(user.Id, command.KeepSessionId, ct);
                await audit.WriteAsync(AuditEvents.PasswordChanged, user.Id, user.UserName, ct: ct);
            }
            return (user, result);
        }
    }
}
