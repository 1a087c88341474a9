using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Identity;

/// <summary>Puts roles, organisation, display name and language into the sign-in cookie, so
/// handlers read the organisation from the signed-in user, never from the request. An organisation
/// administrator also gets <see cref="PortalClaims.OrganisationAdmin"/>, for links only.</summary>
internal sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options, IMediator mediator)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in await UserManager.GetRolesAsync(user))
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(PortalClaims.OrganisationId, org.ToString(CultureInfo.InvariantCulture)));
            if (await mediator.Send(new IsOrganisationAdministrator(user.Id, org)))
                identity.AddClaim(new Claim(PortalClaims.OrganisationAdmin, "true"));
        }
        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName));
        identity.AddClaim(new Claim(PortalClaims.Language, user.PreferredLanguage));
        return identity;
    }
}
