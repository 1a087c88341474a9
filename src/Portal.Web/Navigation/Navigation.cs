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

    /// <summary>Where a module's bare URL (/Contracts, /Surveys/Manage) leads: the first of its entries
    /// the user may open (its pages before its staff pages), else its first entry, whose own
    /// authorization then asks for sign-in or refuses; null when no entry has that area.</summary>
    public async Task<NavEntry?> AreaHomeAsync(ClaimsPrincipal user, string area, bool manage)
    {
        var candidates = entries
            .Where(e => string.Equals(e.Area, area, StringComparison.OrdinalIgnoreCase) && (!manage || IsManage(e)))
            .OrderBy(IsManage).ThenBy(e => e.Section).ThenBy(e => e.Order).ThenBy(e => e.Page, StringComparer.Ordinal)
            .ToList();
        foreach (var entry in candidates)
        {
            if (entry.Policy is null || (await authorization.AuthorizeAsync(user, entry.Policy)).Succeeded) return entry;
        }
        return candidates.FirstOrDefault();
    }

    private static bool IsManage(NavEntry entry) => entry.Page.StartsWith("/Manage/", StringComparison.Ordinal);
}
