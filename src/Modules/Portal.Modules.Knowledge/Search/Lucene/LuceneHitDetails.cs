using Lucene.Net.Documents;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Knowledge.Search;

/// <summary>What a hit shows beyond title and snippet: a release's product, version and severity,
/// stored (not indexed) so results read them back without asking the source.</summary>
internal static class LuceneHitDetails
{
    public const string Product = "detail.product";
    public const string Version = "detail.version";
    public const string Severity = "detail.severity";

    public static void Add(Document document, SearchDocument source)
    {
        if (source.Version is null && source.Severity is null) return;
        if (source.Products.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p)) is { } product) document.Add(new StoredField(Product, product));
        if (!string.IsNullOrWhiteSpace(source.Version)) document.Add(new StoredField(Version, source.Version));
        if (!string.IsNullOrWhiteSpace(source.Severity)) document.Add(new StoredField(Severity, source.Severity));
    }

    public static SearchHit With(SearchHit hit, Document document) =>
        hit with { Product = document.Get(Product), Version = document.Get(Version), Severity = document.Get(Severity) };
}
