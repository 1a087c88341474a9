namespace Portal.Modules.Feedback.Articles;

/// <summary>A row of fb_request_articles: the knowledge article drafted from a request.</summary>
public sealed class ArticleLink
{
    public long RequestId { get; set; }
    public long ArticleId { get; set; }
    public string Title { get; set; } = "";
    public string EditUrl { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
