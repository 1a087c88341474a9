namespace Portal.Modules.Knowledge.Articles;

public sealed record KnowledgeHome(
    IReadOnlyList<CategoryCount> Categories,
    IReadOnlyDictionary<string, IReadOnlyList<ArticleSummary>> FaqsByCategory,
    IReadOnlyList<ArticleSummary> MostViewed,
    IReadOnlyList<ArticleSummary> RecentlyUpdated);
