using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Catalog;

/// <summary>The signed-in person who changes catalog data: their id and the name recorded with
/// the change (ids belong to Accounts, whose tables this module does not join).</summary>
internal sealed record Actor(long UserId, string Name)
{
    public static Actor? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.UserId() is not { } id) return null;
        var name = user.FindFirstValue(PortalClaims.DisplayName) is { Length: > 0 } display ? display : user.Identity.Name ?? "";
        return new Actor(id, name);
    }

    /// <summary>Staff (or admin): may manage the catalog and any organisation's installations.</summary>
    public static Actor? Staff(ClaimsPrincipal user) => user.IsStaff() ? Of(user) : null;

    public static Actor? Admin(ClaimsPrincipal user) => user.IsInRole(PortalRoles.Admin) ? Of(user) : null;
}
