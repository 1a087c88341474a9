using System.Security.Claims;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>The related articles of an article page: alike in words (the search index's
/// MoreLikeThis, within the article's products unless none there is alike) when the index holds the
/// article; otherwise by shared tags and category (<see cref="ArticleQueries.RelatedAsync"/>).</summary>
internal sealed class RelatedArticles(ArticleQueries queries, SearchService search)
{
    public const int Max = 5;

    public async Task<IReadOnlyList<ArticleSummary>> ForAsync(ArticleRow article, ClaimsPrincipal reader, CancellationToken ct)
    {
        var audience = Audience.Of(reader);
        var hits = await search.MoreLikeAsync(article.SearchKey, article.ProductList, SearchViewer.From(reader), ArticleVocabulary.Types, Max, ct);
        if (hits is null) return await queries.RelatedAsync(article, audience, ct);
        // The index may trail the database for a moment: list only what is published and visible now.
        return await queries.SummariesAsync(article.Lang, [.. hits.Where(h => h.Lang == article.Lang).Select(h => h.Slug)], audience, ct);
    }
}
