using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>One kb_articles row.</summary>
public sealed class ArticleRow
{
    /// <summary>Columns for a query over kb_articles a.</summary>
    internal const string Columns = """
        a.id AS Id, a.lang AS Lang, a.slug AS Slug, a.type AS Type, a.title AS Title, a.body AS Body,
        a.category AS Category, a.products AS Products, a.versions AS Versions, a.tags AS Tags,
        a.visibility AS Visibility, a.status AS Status, a.content_date AS ContentDate, a.view_count AS ViewCount,
        a.row_version AS RowVersion, a.change_seq AS ChangeSeq, a.created_at AS CreatedAt, a.updated_at AS UpdatedAt,
        a.updated_by AS UpdatedBy, a.updated_by_name AS UpdatedByName, a.published_at AS PublishedAt,
        a.source_label AS SourceLabel, a.source_url AS SourceUrl
        """;

    public long Id { get; set; }
    public string Lang { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Category { get; set; } = "";
    public string Products { get; set; } = "";
    public string? Versions { get; set; }
    public string Tags { get; set; } = "";
    public string Visibility { get; set; } = "";
    public string Status { get; set; } = "";
    public DateOnly? ContentDate { get; set; }
    public long ViewCount { get; set; }
    public long RowVersion { get; set; }
    public long ChangeSeq { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long? UpdatedBy { get; set; }
    public string? UpdatedByName { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The case the article was drafted from (staff only), e.g. a request reference and its staff page.</summary>
    public string? SourceLabel { get; set; }
    public string? SourceUrl { get; set; }

    public IReadOnlyList<string> ProductList => ArticleContent.Split(Products);
    public IReadOnlyList<string> TagList => ArticleContent.Split(Tags);
    public bool IsPublished => Status == ArticleVocabulary.Published;
    public string SearchKey => KeyOf(Lang, Slug);
    public string Url => UrlOf(Lang, Slug);

    public ArticleContent Content => new(Type, Title, Body, Category, ProductList, Versions, TagList, Visibility);

    public static string KeyOf(string lang, string slug) => $"kb:{lang}:{slug}";

    public static string UrlOf(string lang, string slug) => $"/Knowledge/Articles/{lang}/{slug}";
}
