using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Portal.Modules.Core.Modules;

namespace Portal.Web.Navigation;

/// <summary>The navigation entries that modules contribute, filtered to what the user may open.</summary>
public sealed class Navigation(IEnumerable<NavEntry> entries, IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<NavEntry>> VisibleAsync(ClaimsPrincipal user, NavSection section)
    {
        var visible = new List<NavEntry>();
        foreach (var entry in entries.Where(e => e.Section == section).OrderBy(e => e.Order).ThenBy(e => e.Title, StringComparer.Ordinal))
        {
            if (entry.Policy is null || (await authorization.AuthorizeAsync(user, entry.Policy)).Succeeded)
                visible.Add(entry);
        }
        return visible;
    }
}
