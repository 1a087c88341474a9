using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Feeds;

/// <summary>One entry of an Atom feed; <see cref="Url"/> is absolute and doubles as the entry id.</summary>
public sealed record AtomEntry(string Url, string Title, DateTimeOffset Updated, string Category, string Summary);

/// <summary>Writes an Atom feed (RFC 4287): the feed's id is its own URL, "updated" is the newest
/// entry's, and summaries are plain text cut at 300 characters.</summary>
public static class AtomFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const int SummaryLength = 300;

    /// <param name="lang">The feed's language tag, e.g. zh-CN or en.</param>
    public static ContentResult Result(string lang, string feedUrl, string pageUrl, string title, string author, IReadOnlyList<AtomEntry> entries)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, lang);
            xml.WriteElementString("id", Atom, feedUrl);
            xml.WriteElementString("title", Atom, title);
            xml.WriteElementString("updated", Atom, Stamp(entries.Count > 0 ? entries.Max(e => e.Updated) : DateTimeOffset.UnixEpoch));
            Link(xml, feedUrl, "self");
            Link(xml, pageUrl, "alternate");
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, entry.Url);
                xml.WriteElementString("title", Atom, entry.Title);
                xml.WriteElementString("updated", Atom, Stamp(entry.Updated));
                Link(xml, entry.Url, "alternate");
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, author);
                xml.WriteEndElement();
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", entry.Category);
                xml.WriteEndElement();
                var summary = entry.Summary.Length > SummaryLength ? entry.Summary[..SummaryLength] + "…" : entry.Summary;
                xml.WriteElementString("summary", Atom, summary);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return new ContentResult
        {
            Content = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + text,
            ContentType = "application/atom+xml; charset=utf-8",
        };
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
