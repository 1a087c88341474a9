using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    /// <summary>A home page tile; with <see cref="Href"/> its title links there, and with
    /// <see cref="ForCustomers"/> only members of an organisation see it.</summary>
    public sealed record Tile(string Title, string Text, string? Href = null, bool ForCustomers = false);

    public IReadOnlyList<Tile> Tiles { get; } =
    [
        new("My service", "Your service periods, days left, what is covered, and renewal requests.", "/Contracts/MyService", ForCustomers: true),
        new("Knowledge base", "Search FAQs, articles and known issues in Chinese or English.", "/Knowledge"),
        new("Downloads", "Patches, upgrade packages, tools and manuals covered by your service contract."),
        new("Feedback", "Report a problem or make a suggestion; we answer within the agreed service times."),
    ];
}
