using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>Who made a change, as the revision history shows it.</summary>
public sealed record Actor(long? UserId, string Name)
{
    public static readonly Actor Import = new(null, "import");

    public static Actor Of(ClaimsPrincipal user) =>
        new(user.UserId(), user.FindFirstValue(PortalClaims.DisplayName) ?? user.Identity?.Name ?? "?");
}
