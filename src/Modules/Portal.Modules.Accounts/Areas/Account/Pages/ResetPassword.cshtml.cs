using System.ComponentModel.DataAnnotations;
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
public sealed class ResetPasswordModel(
    UserManager<PortalUser> users, AuditLog audit, IStringLocalizer localizer, IOptions<IdentityOptions> identity, TimeProvider clock) : PageModel
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
        var user = await users.FindByIdAsync(UserId!);
        var token = AccountEmails.DecodeToken(Code);
        if (user is null || token is null)
        {
            ModelState.AddModelError("", localizer[InvalidLink]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.InvalidToken)) ModelState.AddModelError("", localizer[InvalidLink]);
                else ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }

        // An administrator's lock runs far beyond the automatic one and stays in place.
        if (user.LockoutEnd is { } end && end <= clock.GetUtcNow() + identity.Value.Lockout.DefaultLockoutTimeSpan)
            await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(AuditEvents.PasswordReset, user.Id, user.UserName, ct: HttpContext.RequestAborted);
        TempData["Message"] = localizer["Your password has been changed. Sign in with the new password."].Value;
        return RedirectToPage("SignIn");
    }
}
