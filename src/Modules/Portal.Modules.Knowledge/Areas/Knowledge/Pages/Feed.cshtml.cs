using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Text;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

/// <summary>Atom feed of the public articles of one language (newest 50). Only public ones: a feed
/// reader has no session.</summary>
[AllowAnonymous]
public sealed class FeedModel(ArticleQueries queries, IOptions<PortalOptions> options, IStringLocalizer localizer) : PageModel
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public async Task<IActionResult> OnGetAsync(string lang, CancellationToken ct)
    {
        if (!ArticleVocabulary.Languages.Contains(lang)) return NotFound();
        var articles = await queries.FeedAsync(lang, ct);
        var baseUrl = options.Value.BaseUrl.TrimEnd('/');
        var feedUrl = $"{baseUrl}/Knowledge/Feed/{lang}";
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, lang == "en" ? "en" : "zh-CN");
            xml.WriteElementString("id", Atom, feedUrl);
            xml.WriteElementString("title", Atom, localizer["Knowledge base"].Value);
            xml.WriteElementString("updated", Atom, Stamp(articles.Count > 0 ? articles[0].UpdatedAt : DateTimeOffset.UnixEpoch));
            Link(xml, feedUrl, "self");
            Link(xml, $"{baseUrl}/Knowledge?lang={lang}", "alternate");
            foreach (var a in articles)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, baseUrl + a.Url);
                xml.WriteElementString("title", Atom, a.Title);
                xml.WriteElementString("updated", Atom, Stamp(a.UpdatedAt));
                Link(xml, baseUrl + a.Url, "alternate");
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, localizer["Customer Portal"].Value);
                xml.WriteEndElement();
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", a.Category);
                xml.WriteEndElement();
                var summary = SafeMarkdown.ToPlainText(a.Body);
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
