using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Identity;

/// <summary>Identity's sign-in manager plus one rule: the user of a deactivated organisation cannot
/// sign in (every sign-in path goes through <see cref="CanSignInAsync"/>), and an existing session
/// of theirs fails its next security-stamp check.</summary>
internal sealed class PortalSignInManager(
    UserManager<PortalUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<PortalUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<PortalUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation, IDb db)
    : SignInManager<PortalUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user) =>
        await base.CanSignInAsync(user) && await OrganisationIsActiveAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(PortalUser? user, string? securityStamp) =>
        await base.ValidateSecurityStampAsync(user, securityStamp) && user is not null && await OrganisationIsActiveAsync(user);

    private async Task<bool> OrganisationIsActiveAsync(PortalUser user)
    {
        if (user.OrganisationId is not { } organisationId) return true;
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM acc_organisations WHERE id = @organisationId AND is_active = @Active",
            new { organisationId, Active = true }) == 1;
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
