using System.Security.Claims;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Catalog;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>What a user may do in a scope: who acts (recorded with the change), and the one
/// organisation they are limited to, or null for staff, who may act on any.</summary>
internal sealed record InstallationAccess(Actor Actor, long? OrganisationId)
{
    /// <summary>Null when the user may not act in the scope at all (a customer without an
    /// organisation, anyone but staff on any organisation).</summary>
    public static InstallationAccess? Of(ClaimsPrincipal user, InstallationScope scope) => scope switch
    {
        InstallationScope.OwnOrganisation =>
            user.OrganisationId() is { } organisation && Actor.Of(user) is { } customer ? new(customer, organisation) : null,
        _ => Actor.Staff(user) is { } staff ? new(staff, null) : null,
    };
}
