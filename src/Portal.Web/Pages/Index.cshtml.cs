using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    /// <summary><see cref="Url"/>: where the tile leads, when that part of the portal exists.</summary>
    public sealed record Tile(string Title, string Text, string? Url = null);

    public IReadOnlyList<Tile> Tiles { get; } =
    [
        new("Knowledge base", "Search FAQs, articles and known issues in Chinese or English.", "/Knowledge"),
        new("Downloads", "Patches, upgrade packages, tools and manuals covered by your service contract."),
        new("Feedback", "Report a problem or make a suggestion; we answer within the agreed service times."),
    ];
}
