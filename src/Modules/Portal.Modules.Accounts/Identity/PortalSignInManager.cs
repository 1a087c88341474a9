using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Identity;

/// <summary>A sign-in that Identity would allow but the portal refuses: <see cref="Code"/> goes to
/// the security log, <see cref="Reason"/> (a localization key) to the user.</summary>
internal sealed class RefusedSignIn : SignInResult
{
    public RefusedSignIn(string code, string reason)
    {
        IsNotAllowed = true;
        Code = code;
        Reason = reason;
    }

    public string Code { get; }

    public string Reason { get; }
}

/// <summary>Identity's sign-in manager plus the portal's own rule: an account needs a role, and a
/// customer's organisation must be active. The rule is checked only after the password (so it
/// tells nothing to someone guessing), and again whenever the cookie's security stamp is
/// validated, so open sessions end when an organisation is deactivated.</summary>
internal sealed class PortalSignInManager(
    UserManager<PortalUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<PortalUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<PortalUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation, IDb db)
    : SignInManager<PortalUser>(users, http, claims, options, logger, schemes, confirmation)
{
    internal static readonly RefusedSignIn NoRole =
        new("no-role", "Your account has not been given access yet. Contact your administrator.");

    internal static readonly RefusedSignIn OrganisationInactive =
        new("organisation-inactive", "Access for your organisation is suspended. Contact your account manager.");

    private sealed class Standing
    {
        public long Roles { get; set; }
        public long ActiveOrganisations { get; set; }
    }

    protected override async Task<SignInResult> SignInOrTwoFactorAsync(PortalUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false) =>
        await RefusalAsync(user) is { } refused
            ? refused
            : await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);

    public override async Task<PortalUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && await RefusalAsync(user) is null ? user : null;
    }

    /// <summary>Why the user may not sign in, or null when they may.</summary>
    internal async Task<RefusedSignIn?> RefusalAsync(PortalUser user)
    {
        await using var c = await db.OpenAsync();
        var standing = await c.QuerySingleAsync<Standing>("""
            SELECT (SELECT COUNT(*) FROM acc_user_roles WHERE user_id = @Id) AS Roles,
                   (SELECT COUNT(*) FROM acc_organisations WHERE id = @OrganisationId AND is_active = @Active) AS ActiveOrganisations
            """, new { user.Id, user.OrganisationId, Active = true });
        if (standing.Roles == 0) return NoRole;
        if (user.OrganisationId is not null && standing.ActiveOrganisations == 0) return OrganisationInactive;
        return null;
    }

    /// <summary>The security-stamp check rebuilds the principal from the database; this keeps how
    /// the user signed in (amr=mfa after a second factor), which the Admin policy needs.</summary>
    internal static Task KeepSignInMethod(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var claim in current.Claims.Where(c => c.Type is "amr" or ClaimTypes.AuthenticationMethod))
            {
                if (!identity.HasClaim(claim.Type, claim.Value)) identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }
        return Task.CompletedTask;
    }
}
