using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Feedback.Requests;

/// <summary>Who acts on a request, as the timeline records it.</summary>
public sealed record Actor(long? Id, string Name, bool Staff)
{
    public static readonly Actor System = new(null, "System", false);

    public static Actor Of(ClaimsPrincipal user) =>
        new(user.UserId(), user.FindFirstValue(PortalClaims.DisplayName) ?? user.Identity?.Name ?? "", user.IsStaff());
}
