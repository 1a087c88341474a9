using Portal.Modules.Knowledge.Contracts;
using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Portal.Modules.Knowledge.Search;

/// <summary>The fields of a search document in the Lucene index. Text is indexed from the original
/// (sanitized) text so highlight offsets fall on what readers see; filters are exact string
/// fields; facets and the date sort come from doc values.</summary>
internal static class LuceneDocuments
{
    public const string Key = "key";
    public const string Type = "type";
    public const string Lang = "lang";
    public const string Category = "category";
    public const string Product = "product";
    public const string Visibility = "vis";
    public const string Organisation = "org";
    public const string Updated = "updated";
    public const string Title = "title";
    public const string Tags = "tags";
    public const string Body = "body";
    public const string Url = "url";

    /// <summary>The organisation value of a document every organisation may see.</summary>
    public const string AnyOrganisation = "-";

    /// <summary>Text fields and their weights: title &gt; tags &gt; body.</summary>
    public static readonly (string Field, float Boost)[] TextFields = [(Title, 10f), (Tags, 5f), (Body, 1f)];

    /// <summary>The body keeps term vectors with offsets, so the highlighter reads a hit's tokens
    /// from the index instead of segmenting the text again.</summary>
    private static readonly FieldType BodyType = new(TextField.TYPE_STORED)
    {
        StoreTermVectors = true,
        StoreTermVectorPositions = true,
        StoreTermVectorOffsets = true,
    };

    public static Document Create(SearchDocument source)
    {
        var title = TextAnalyzer.Sanitize(source.Title);
        var tags = TextAnalyzer.Sanitize(string.Join(" , ", source.Tags));
        var body = TextAnalyzer.Sanitize(source.Body);
        var type = source.Type.ToLowerInvariant();
        var lang = source.Lang.ToLowerInvariant();
        var category = string.IsNullOrWhiteSpace(source.Category) ? null : source.Category;
        var updated = source.Updated.ToUnixTimeMilliseconds();
        var document = new Document
        {
            new StringField(Key, source.Key, Field.Store.YES),
            new SortedDocValuesField(Key, new BytesRef(source.Key)),
            new StringField(Type, type, Field.Store.YES),
            new SortedDocValuesField(Type, new BytesRef(type)),
            new StringField(Lang, lang, Field.Store.YES),
            new SortedDocValuesField(Lang, new BytesRef(lang)),
            new StringField(Visibility, VisibilityRank(source.Visibility).ToString(CultureInfo.InvariantCulture), Field.Store.NO),
            new StringField(Organisation, source.OrganisationId is { } org ? org.ToString(CultureInfo.InvariantCulture) : AnyOrganisation, Field.Store.NO),
            new NumericDocValuesField(Updated, updated),
            new StoredField(Updated, updated),
            new StoredField(Url, source.Url),
            new TextField(Title, title, Field.Store.YES),
            new TextField(Title + LuceneAnalysis.CjkSuffix, title, Field.Store.NO),
            new TextField(LuceneSuggestions.WordsField, title, Field.Store.NO),
            new TextField(LuceneSuggestions.CjkField, title, Field.Store.NO),
            new TextField(Tags, tags, Field.Store.NO),
            new TextField(Tags + LuceneAnalysis.CjkSuffix, tags, Field.Store.NO),
            new Field(Body, body, BodyType),
            new TextField(Body + LuceneAnalysis.CjkSuffix, body, Field.Store.NO),
            new TextField(LuceneAnalysis.Codes, string.Join(" \n ", title, tags, body), Field.Store.NO),
        };
        if (category is not null)
        {
            document.Add(new StringField(Category, category, Field.Store.YES));
            document.Add(new SortedDocValuesField(Category, new BytesRef(category)));
        }
        foreach (var product in source.Products.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(Product, product, Field.Store.NO));
            document.Add(new SortedSetDocValuesField(Product, new BytesRef(product)));
        }
        LuceneHitDetails.Add(document, source);
        return document;
    }

    /// <summary>public 0, customers 1, internal (and anything unknown: staff only) 2.</summary>
    public static int VisibilityRank(string? visibility) => visibility?.ToLowerInvariant() switch
    {
        "public" => 0,
        "customers" => 1,
        _ => 2,
    };
}
