using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public sealed record Tile(string Title, string Text);

    public IReadOnlyList<Tile> Tiles { get; } =
    [
        new("Knowledge base", "Search FAQs, articles and known issues in Chinese or English."),
        new("Downloads", "Patches, upgrade packages, tools and manuals covered by your service contract."),
        new("Feedback", "Report a problem or make a suggestion; we answer within the agreed service times."),
    ];
}
