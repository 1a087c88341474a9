using System.Globalization;
using System.Text;
using System.Xml;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Contracts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Core.Text;
using Portal.Modules.Downloads.Releases;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>Atom feed of one product's published releases (the newest 20 versions), in the language of the
/// request. A feed reader has no session, so an entry carries only what the download centre shows
/// anyone (title, version, kind, severity, date, link); the notes only of public releases.</summary>
[AllowAnonymous]
public sealed class FeedModel(ReleaseQueries queries, IMediator mediator, IOptions<PortalOptions> options, IStringLocalizer localizer) : PageModel
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public async Task<IActionResult> OnGetAsync(string product, CancellationToken ct)
    {
        if (await mediator.Send(new GetProduct(product), ct) is not { } info) return NotFound();
        var culture = CultureInfo.CurrentUICulture;
        var releases = (await queries.BrowseAsync(new ReleaseFilter(info.Code, null, null), publicOnly: false, includeDrafts: false, 1, ct)).Items
            .OrderByDescending(r => r.PublishedAt).ToList();
        var baseUrl = options.Value.BaseUrl.TrimEnd('/');
        var feedUrl = $"{baseUrl}/Downloads/Feed/{Uri.EscapeDataString(info.Code)}";
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, culture.Name.StartsWith("en", StringComparison.Ordinal) ? "en" : "zh-CN");
            xml.WriteElementString("id", Atom, feedUrl);
            xml.WriteElementString("title", Atom, $"{info.Name(culture)} · {localizer["Download centre"].Value}");
            xml.WriteElementString("updated", Atom, Stamp(releases.Count > 0 ? releases[0].PublishedAt ?? releases[0].UpdatedAt : DateTimeOffset.UnixEpoch));
            Link(xml, feedUrl, "self");
            Link(xml, $"{baseUrl}/Downloads?product={Uri.EscapeDataString(info.Code)}", "alternate");
            foreach (var r in releases)
            {
                var url = string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/Downloads/Release/{r.Id}");
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, url);
                xml.WriteElementString("title", Atom, r.Title(culture));
                xml.WriteElementString("updated", Atom, Stamp(r.PublishedAt ?? r.UpdatedAt));
                Link(xml, url, "alternate");
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, localizer["Customer Portal"].Value);
                xml.WriteEndElement();
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", r.Kind);
                xml.WriteEndElement();
                var facts = string.Join(" · ", new[] { localizer[ReleaseLabels.Kind(r.Kind)].Value, r.Version.ToString(),
                    r.Severity is null ? "" : localizer[ReleaseLabels.Severity(r.Severity)].Value }.Where(s => s.Length > 0));
                var notes = r.IsPublic ? SafeMarkdown.ToPlainText(r.Notes(culture)) : "";
                var summary = notes.Length == 0 ? facts : $"{facts}. {notes}";
                xml.WriteElementString("summary", Atom, summary.Length > 300 ? summary[..300] + "…" : summary);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return Content("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + text, "application/atom+xml; charset=utf-8");
    }

    private static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter xml, string href, string rel)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
