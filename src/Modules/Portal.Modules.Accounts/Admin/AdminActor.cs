using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Admin;

/// <summary>The pages sit behind the Admin policy already; handlers that change data check the
/// role again, so a handler reached another way cannot act for a non-admin.</summary>
internal static class AdminActor
{
    public static bool IsAdmin(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(PortalRoles.Admin) && user.UserId() is not null;
}
