namespace Portal.Modules.Knowledge.Articles;

/// <summary>A reader's view of a list entry (no body).</summary>
public sealed class ArticleSummary
{
    internal const string Columns = """
        a.id AS Id, a.lang AS Lang, a.slug AS Slug, a.type AS Type, a.title AS Title, a.category AS Category,
        a.visibility AS Visibility, a.status AS Status, a.view_count AS ViewCount, a.updated_at AS UpdatedAt, a.products AS Products
        """;

    public long Id { get; set; }
    public string Lang { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public string Category { get; set; } = "";
    public string Visibility { get; set; } = "";
    public string Status { get; set; } = "";
    public long ViewCount { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? Products { get; set; }
    public IReadOnlyList<string> ProductList => Domain.ArticleContent.Split(Products);
    public string Url => ArticleRow.UrlOf(Lang, Slug);
}
