using System.Globalization;
using System.Security.Claims;

namespace Portal.Modules.Core.Security;

public static class CurrentUserExtensions
{
    public static long? UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The organisation of the signed-in user. Handlers take it from here, never from the request.</summary>
    public static long? OrganisationId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(PortalClaims.OrganisationId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(PortalRoles.Staff) || user.IsInRole(PortalRoles.Admin);
}
