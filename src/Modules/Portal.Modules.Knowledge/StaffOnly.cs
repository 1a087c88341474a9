using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Knowledge;

/// <summary>The handlers' own check behind the staff pages' policy, so a request sent from anywhere
/// else is refused too.</summary>
internal static class StaffOnly
{
    public static void Require(ClaimsPrincipal user)
    {
        if (!user.IsStaff()) throw new UnauthorizedAccessException("This is for staff only.");
    }
}
