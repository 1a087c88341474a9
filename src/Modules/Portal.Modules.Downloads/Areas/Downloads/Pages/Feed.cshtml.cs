using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Core.Text;
using Portal.Modules.Downloads.Releases;
using Portal.Web.Feeds;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>Atom feed of one product's published releases (the newest 20 versions), in the language of the
/// request. A feed reader has no session, so an entry carries only what the download centre shows
/// anyone (title, version, kind, severity, date, link); the notes only of public releases.</summary>
[AllowAnonymous]
public sealed class FeedModel(IMediator mediator, IOptions<PortalOptions> options, IStringLocalizer localizer) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string product, CancellationToken ct)
    {
        if (await mediator.Send(new Query(product), ct) is not { } feed) return NotFound();
        var (info, releases) = feed;
        var culture = CultureInfo.CurrentUICulture;
        var baseUrl = options.Value.BaseUrl.TrimEnd('/');
        var feedUrl = $"{baseUrl}/Downloads/Feed/{Uri.EscapeDataString(info.Code)}";
        var entries = releases.Select(r => new AtomEntry(
            string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/Downloads/Release/{r.Id}"), r.Title(culture), r.PublishedAt ?? r.UpdatedAt, r.Kind,
            Summary(r, culture))).ToList();
        return AtomFeed.Result(culture.Name.StartsWith("en", StringComparison.Ordinal) ? "en" : "zh-CN", feedUrl,
            $"{baseUrl}/Downloads?product={Uri.EscapeDataString(info.Code)}", $"{info.Name(culture)} · {localizer["Download centre"].Value}",
            localizer["Customer Portal"].Value, entries);
    }

    /// <summary>Kind, version and severity; the notes only of a public release.</summary>
    private string Summary(ReleaseRow r, CultureInfo culture)
    {
        var facts = string.Join(" · ", new[] { localizer[ReleaseLabels.Kind(r.Kind)].Value, r.Version.ToString(),
            r.Severity is null ? "" : localizer[ReleaseLabels.Severity(r.Severity)].Value }.Where(s => s.Length > 0));
        var notes = r.IsPublic ? SafeMarkdown.ToPlainText(r.Notes(culture)) : "";
        return notes.Length == 0 ? facts : $"{facts}. {notes}";
    }

    /// <param name="Releases">Newest publication first.</param>
    public sealed record Feed(ProductInfo Product, IReadOnlyList<ReleaseRow> Releases);

    /// <summary>The product's feed, or null when there is no such product.</summary>
    public sealed record Query(string Product) : IRequest<Feed?>;

    internal sealed class Handler(ReleaseQueries queries, IMediator mediator) : IRequestHandler<Query, Feed?>
    {
        public async Task<Feed?> Handle(Query query, CancellationToken ct)
        {
            if (await mediator.Send(new GetProduct(query.Product), ct) is not { } info) return null;
            var releases = (await queries.BrowseAsync(new ReleaseFilter(info.Code, null, null), publicOnly: false, includeDrafts: false, 1, ct)).Items
                .OrderByDescending(r => r.PublishedAt).ToList();
            return new Feed(info, releases);
        }
    }
}
