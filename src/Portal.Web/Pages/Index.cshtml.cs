using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Modules;

namespace Portal.Web.Pages;

/// <summary>The home page: the tiles the modules contribute, in their order.</summary>
[AllowAnonymous]
public sealed class IndexModel(IEnumerable<HomeTile> tiles) : PageModel
{
    public IReadOnlyList<HomeTile> Tiles { get; } = [.. tiles.OrderBy(t => t.Order)];
}
