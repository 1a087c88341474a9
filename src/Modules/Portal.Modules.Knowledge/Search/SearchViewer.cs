using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Who is searching, reduced to what filters the index: the highest visibility they may
/// see (0 public, 1 customers, 2 internal) and their organisation.</summary>
public sealed record SearchViewer(int MaxVisibility, long? OrganisationId, bool AllOrganisations)
{
    public static readonly SearchViewer Anonymous = new(0, null, false);
    public static readonly SearchViewer Staff = new(2, null, true);

    public static SearchViewer Customer(long organisationId) => new(1, organisationId, false);

    public static SearchViewer From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        if (user.IsInRole(PortalRoles.Staff) || user.IsInRole(PortalRoles.Admin)) return Staff;
        return user.OrganisationId() is { } org ? Customer(org) : Anonymous;
    }
}
