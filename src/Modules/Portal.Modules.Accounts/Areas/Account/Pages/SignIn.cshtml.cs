using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Web.Navigation;
using Portal.Web;
using Portal.Web.Formatting;
using Portal.Web.Localization;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>The password step. The sign-in itself stays in the page (it writes the cookie); the
/// account lookup and the security log go through the mediator.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class SignInModel(IMediator mediator, SignInManager<PortalUser> signIn, IStringLocalizer localizer, DisplayTime time) : PageModel
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
        var email = Input.Email.Trim();
        // Unknown, locked and open accounts all cost one password check and, unless the password
        // is right, get the same answer: neither the text nor the time tells who has an account.
        var check = await mediator.Send(new CheckAccount(email, Input.Password));
        if (check.User is not { } user)
            return await WrongPasswordAsync(null, email);
        if (check.Locked)
        {
            if (!check.PasswordCorrect) return await WrongPasswordAsync(user, email);
            await mediator.Send(new RecordSecurityEvent(AuditEvents.LockedOut, user.Id, user.UserName));
            ModelState.AddModelError("", AdminLock.IsLockedByAdmin(user)
                ? localizer[LockoutMessage.ByAdministrator]
                : localizer[LockoutMessage.AfterFailedAttemptsUntil, time.DateTime(user.LockoutEnd)]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.SignIn, user.Id, user.UserName));
            CultureCookie.Remember(Response, user.PreferredLanguage);
            return LocalRedirect(SafeReturnUrl.From(Url, ReturnUrl));
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl = SafeReturnUrl.From(Url, ReturnUrl), Input.RememberMe });
        if (result is RefusedSignIn refused)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.SignInFailed, user.Id, user.UserName, refused.Code));
            ModelState.AddModelError("", localizer[refused.Reason]);
            return Page();
        }
        if (result.IsLockedOut)
        {
            // This attempt locked the account: the owner hears of it by email, the page says nothing new.
            await mediator.Send(new RecordSecurityEvent(AuditEvents.LockedOut, user.Id, user.UserName));
            await mediator.Send(new NotifyLockout(user.Id));
            ModelState.AddModelError("", localizer[WrongPassword]);
            return Page();
        }
        return await WrongPasswordAsync(user, email);
    }

    private async Task<IActionResult> WrongPasswordAsync(PortalUser? user, string email)
    {
        await mediator.Send(new RecordSecurityEvent(AuditEvents.SignInFailed, user?.Id, user?.UserName ?? email));
        ModelState.AddModelError("", localizer[WrongPassword]);
        return Page();
    }

    /// <summary>The account with this email address (null when there is none), whether it is locked
    /// out now and, when it is, whether the password is right.</summary>
    public sealed record CheckAccount(string Email, string Password) : IRequest<AccountCheck>;

    public sealed record AccountCheck(PortalUser? User, bool Locked, bool PasswordCorrect);

    /// <summary>Checks the password against a dummy hash when there is no account and against the
    /// real one when the account is locked; an open account is checked by the sign-in itself.</summary>
    internal sealed class Handler(UserManager<PortalUser> users, DummyPassword dummy) : IRequestHandler<CheckAccount, AccountCheck>
    {
        public async Task<AccountCheck> Handle(CheckAccount request, CancellationToken ct)
        {
            var user = await users.FindByEmailAsync(request.Email);
            if (user is null)
            {
                dummy.Verify(users.PasswordHasher, request.Password);
                return new AccountCheck(null, false, false);
            }
            if (!await users.IsLockedOutAsync(user)) return new AccountCheck(user, false, false);
            if (user.PasswordHash is null)
            {
                dummy.Verify(users.PasswordHasher, request.Password);
                return new AccountCheck(user, true, false);
            }
            var correct = users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
            return new AccountCheck(user, true, correct);
        }
    }

    /// <summary>Tells the owner that failed attempts locked their account, once per lockout.</summary>
    internal sealed record NotifyLockout(long UserId) : IRequest<bool>;

    internal sealed class NotifyLockoutHandler(
        UserManager<PortalUser> users, IDb db, IOutbox outbox, IOptions<PortalOptions> portal, IOptions<IdentityOptions> identity)
        : IRequestHandler<NotifyLockout, bool>
    {
        public async Task<bool> Handle(NotifyLockout request, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(request.UserId.ToString(CultureInfo.InvariantCulture));
            if (user?.Email is null || user.LockoutEnd is not { } end || AdminLock.IsLockedByAdmin(user)) return false;
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = AccountEmails.Link(portal.Value, "ResetPassword", user.Id, token);
            // One lockout, one end time: the key keeps a repeated notice for the same lockout out.
            var key = string.Create(CultureInfo.InvariantCulture, $"lockout:{user.Id}:{end.UtcTicks}");
            var minutes = ((int)Math.Ceiling(identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
            return await AccountEmails.EnqueueAsync(db, outbox, user, AccountEmails.LockedOutTemplate, link, key,
                new Dictionary<string, string> { ["minutes"] = minutes }, CancellationToken.None);
        }
    }
}
