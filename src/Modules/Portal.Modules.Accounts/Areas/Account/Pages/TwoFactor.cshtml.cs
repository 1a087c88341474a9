using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Web.Navigation;
using Portal.Web.Security;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>Two-factor authentication with an authenticator app: set up, recovery codes, reset,
/// and turning it off (not for administrators, nor for staff while Accounts:RequireTwoFactorForStaff
/// is on, whose pages require it). The handlers change the
/// account; the page renews the sign-in cookie afterwards.</summary>
[Authorize(Policy = PortalPolicies.SignedIn)]
public sealed class TwoFactorModel(IMediator mediator, SignInManager<PortalUser> signIn, IStringLocalizer localizer) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public sealed class InputModel
    {
        [Display(Name = "Code from the app")]
        public string? Code { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set when the app sent a staff member or administrator here because two-factor is missing.</summary>
    public bool Required { get; private set; }

    /// <summary>Where to continue once two-factor is on (the page asked for at sign-in).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string ContinueUrl => SafeReturnUrl.From(Url, ReturnUrl);

    /// <summary>Admins, and staff while two-factor is required for them: they cannot turn it off.</summary>
    public bool MustKeep { get; private set; }

    public bool IsEnabled { get; private set; }

    public bool IsAdmin { get; private set; }

    /// <summary>Whether this session was signed in with a second factor (what admin pages check).</summary>
    public bool SignedInWithSecondFactor { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    /// <summary>Recovery codes shown once, right after they were generated.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public bool JustEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? required)
    {
        Required = required == 1;
        return await LoadAsync() ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var outcome = await mediator.Send(new Enable(User, Input.Code), HttpContext.RequestAborted);
        switch (outcome.Step)
        {
            case Step.NoAccount:
                return Challenge();
            case Step.Unchanged:
                return RedirectToPage("TwoFactor");
            case Step.MissingCode:
                ModelState.AddModelError("Input.Code", localizer["Enter the 6-digit code from your app."]);
                return await LoadAsync() ? Page() : Challenge();
            case Step.WrongCode:
                ModelState.AddModelError("Input.Code", localizer["The code is not correct. Check that the time on your phone is right, then enter the code the app shows now."]);
                return await LoadAsync() ? Page() : Challenge();
        }
        NewRecoveryCodes = outcome.RecoveryCodes;
        await SignInWithSecondFactorAsync(outcome.User!);
        JustEnabled = true;
        Input = new InputModel();
        return await LoadAsync() ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var outcome = await mediator.Send(new GenerateRecoveryCodes(User), HttpContext.RequestAborted);
        if (outcome.Step == Step.NoAccount) return Challenge();
        if (outcome.Step == Step.Unchanged) return RedirectToPage("TwoFactor");
        NewRecoveryCodes = outcome.RecoveryCodes;
        return await LoadAsync() ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var outcome = await mediator.Send(new Disable(User, Sessions.CurrentSession.Id(HttpContext)), HttpContext.RequestAborted);
        switch (outcome.Step)
        {
            case Step.NoAccount:
                return Challenge();
            case Step.Unchanged:
                return RedirectToPage("TwoFactor");
            case Step.AdministratorMustKeep:
                ModelState.AddModelError("", localizer["Administrators must keep two-factor authentication on."]);
                return await LoadAsync() ? Page() : Challenge();
            case Step.StaffMustKeep:
                ModelState.AddModelError("", localizer["Staff must keep two-factor authentication on."]);
                return await LoadAsync() ? Page() : Challenge();
        }
        await SignInWithoutSecondFactorAsync(outcome.User!);
        TempData["Message"] = localizer["Two-factor authentication is off."].Value;
        return RedirectToPage("TwoFactor");
    }

    /// <summary>A new key (after a lost or replaced phone). Two-factor stays off until the new key
    /// is verified, and the session loses its second factor, so admin pages close until then.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var outcome = await mediator.Send(new Reset(User, Sessions.CurrentSession.Id(HttpContext)), HttpContext.RequestAborted);
        if (outcome.Step == Step.NoAccount) return Challenge();
        await SignInWithoutSecondFactorAsync(outcome.User!);
        TempData["Message"] = localizer["Your authenticator key has been reset. Add the new key to your app and verify a code to turn two-factor authentication on again."].Value;
        return RedirectToPage("TwoFactor");
    }

    /// <summary>After enabling: sign out, so the next sign-in asks for the code and the session
    /// carries the second factor that admin pages need.</summary>
    public async Task<IActionResult> OnPostSignInAgainAsync()
    {
        await mediator.Send(new RecordSecurityEvent(AuditEvents.SignOut, User.UserId(), User.Identity?.Name), HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("SignIn");
    }

    /// <summary>False when the session names no account.</summary>
    private async Task<bool> LoadAsync()
    {
        if (await mediator.Send(new Query(User), HttpContext.RequestAborted) is not { } state) return false;
        // A key created just now renewed the security stamp; keep this session valid.
        if (state.KeyCreated) await signIn.RefreshSignInAsync(state.User);
        IsEnabled = state.IsEnabled;
        IsAdmin = state.IsAdmin;
        MustKeep = state.MustKeep;
        // After enabling, the renewed cookie is read on the next request; this one already counts.
        SignedInWithSecondFactor = JustEnabled || User.HasClaim("amr", "mfa");
        RecoveryCodesLeft = state.RecoveryCodesLeft;
        SharedKey = state.SharedKey;
        AuthenticatorUri = state.AuthenticatorUri;
        return true;
    }

    /// <summary>Right after a code from the app was verified, this session has both factors (the
    /// password at sign-in, the code now), as a sign-in with a code would: it continues with amr=mfa
    /// instead of signing in again.</summary>
    private async Task SignInWithSecondFactorAsync(PortalUser user)
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties ?? new AuthenticationProperties(), [new Claim("amr", "mfa")]);
    }

    private async Task SignInWithoutSecondFactorAsync(PortalUser user)
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInAsync(user, current.Properties ?? new AuthenticationProperties(), authenticationMethod: null);
    }

    /// <summary>Where a two-factor command ended. The page turns it into a response.</summary>
    public enum Step
    {
        Done,
        NoAccount,
        Unchanged,
        MissingCode,
        WrongCode,
        AdministratorMustKeep,
        StaffMustKeep,
    }

    /// <summary><see cref="User"/> is the changed account (for renewing the cookie) once Done.</summary>
    public sealed record Outcome(Step Step, PortalUser? User = null, IReadOnlyList<string>? RecoveryCodes = null)
    {
        public static readonly Outcome NoAccount = new(Step.NoAccount);
        public static readonly Outcome Unchanged = new(Step.Unchanged);
    }

    /// <summary>The page's state for the signed-in user. While two-factor is off the user needs a key
    /// to set up the app: one is created when missing (<see cref="KeyCreated"/>).</summary>
    public sealed record State(PortalUser User, bool IsEnabled, bool IsAdmin, int RecoveryCodesLeft, string? SharedKey, string? AuthenticatorUri, bool KeyCreated)
    {
        public bool MustKeep { get; init; } = IsAdmin;
    }

    public sealed record Query(ClaimsPrincipal User) : IRequest<State?>;

    internal sealed class QueryHandler(UserManager<PortalUser> users, IConfiguration configuration) : IRequestHandler<Query, State?>
    {
        public async Task<State?> Handle(Query query, CancellationToken ct)
        {
            if (await users.GetUserAsync(query.User) is not { } user) return null;
            var isAdmin = await users.IsInRoleAsync(user, PortalRoles.Admin);
            var mustKeep = isAdmin || (SecondFactorRequirement.RequiredForStaff(configuration) && await users.IsInRoleAsync(user, PortalRoles.Staff));
            if (user.TwoFactorEnabled)
                return new State(user, true, isAdmin, await users.CountRecoveryCodesAsync(user), null, null, false) { MustKeep = mustKeep };

            var key = await users.GetAuthenticatorKeyAsync(user);
            var created = false;
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user) ?? "";
                created = true;
            }
            return new State(user, false, isAdmin, 0, AuthenticatorKey.Format(key), AuthenticatorKey.Uri(user.Email ?? user.UserName, key), created) { MustKeep = mustKeep };
        }
    }

    /// <summary>Turns two-factor on once a code from the app proves the key is set up; returns the
    /// first recovery codes.</summary>
    public sealed record Enable(ClaimsPrincipal User, string? Code) : IRequest<Outcome>;

    internal sealed class EnableHandler(UserManager<PortalUser> users, AuditLog audit) : IRequestHandler<Enable, Outcome>
    {
        public async Task<Outcome> Handle(Enable command, CancellationToken ct)
        {
            if (await users.GetUserAsync(command.User) is not { } user) return Outcome.NoAccount;
            if (user.TwoFactorEnabled) return Outcome.Unchanged;
            var code = TwoFactorCode.Authenticator(command.Code);
            if (code.Length == 0) return new Outcome(Step.MissingCode);
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)) return new Outcome(Step.WrongCode);

            await users.SetTwoFactorEnabledAsync(user, true);
            IReadOnlyList<string> codes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
            await audit.WriteAsync(AuditEvents.TwoFactorEnabled, user.Id, user.UserName, ct: ct);
            return new Outcome(Step.Done, user, codes);
        }
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public sealed record GenerateRecoveryCodes(ClaimsPrincipal User) : IRequest<Outcome>;

    internal sealed class GenerateRecoveryCodesHandler(UserManager<PortalUser> users) : IRequestHandler<GenerateRecoveryCodes, Outcome>
    {
        public async Task<Outcome> Handle(GenerateRecoveryCodes command, CancellationToken ct)
        {
            if (await users.GetUserAsync(command.User) is not { } user) return Outcome.NoAccount;
            if (!user.TwoFactorEnabled) return Outcome.Unchanged;
            IReadOnlyList<string> codes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
            return new Outcome(Step.Done, user, codes);
        }
    }

    /// <remarks>The user's other sessions end; <paramref name="KeepSessionId"/> (this one) is signed in again.</remarks>
    public sealed record Disable(ClaimsPrincipal User, string? KeepSessionId = null) : IRequest<Outcome>;

    internal sealed class DisableHandler(UserManager<PortalUser> users, AuditLog audit, Sessions.SessionStore sessions, IConfiguration configuration)
        : IRequestHandler<Disable, Outcome>
    {
        public async Task<Outcome> Handle(Disable command, CancellationToken ct)
        {
            if (await users.GetUserAsync(command.User) is not { } user) return Outcome.NoAccount;
            if (!user.TwoFactorEnabled) return Outcome.Unchanged;
            if (await users.IsInRoleAsync(user, PortalRoles.Admin)) return new Outcome(Step.AdministratorMustKeep);
            if (SecondFactorRequirement.RequiredForStaff(configuration) && await users.IsInRoleAsync(user, PortalRoles.Staff))
                return new Outcome(Step.StaffMustKeep);
            await users.SetTwoFactorEnabledAsync(user, false);
            await sessions.EndAllAsync(user.Id, command.KeepSessionId, ct);
            await audit.WriteAsync(AuditEvents.TwoFactorDisabled, user.Id, user.UserName, ct: ct);
            return new Outcome(Step.Done, user);
        }
    }

    /// <summary>A new authenticator key; two-factor is off until a code from it is verified.</summary>
    public sealed record Reset(ClaimsPrincipal User, string? KeepSessionId = null) : IRequest<Outcome>;

    internal sealed class ResetHandler(UserManager<PortalUser> users, AuditLog audit, Sessions.SessionStore sessions) : IRequestHandler<Reset, Outcome>
    {
        public async Task<Outcome> Handle(Reset command, CancellationToken ct)
        {
            if (await users.GetUserAsync(command.User) is not { } user) return Outcome.NoAccount;
            var wasEnabled = user.TwoFactorEnabled;
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await sessions.EndAllAsync(user.Id, command.KeepSessionId, ct);
            if (wasEnabled)
                await audit.WriteAsync(AuditEvents.TwoFactorDisabled, user.Id, user.UserName, "authenticator key reset", ct);
            return new Outcome(Step.Done, user);
        }
    }
}
