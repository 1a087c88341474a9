using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Navigation;

namespace Portal.Web.Pages;

/// <summary>A module's bare URL (/Contracts, /Admin, /Surveys/Manage) leads to that module's main page
/// instead of a 404; a page of the module itself at that URL always takes precedence (literal routes win).</summary>
[AllowAnonymous]
public sealed class AreaHomeModel(Navigation.Navigation navigation) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string module, string? manage) =>
        await navigation.AreaHomeAsync(User, module, manage is not null) is { } entry
            ? RedirectToPage(entry.Page, new { area = entry.Area })
            : NotFound();
}
