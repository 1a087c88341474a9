using System.Security.Claims;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>The related articles of an article page: alike in words (the search index's
/// MoreLikeThis, within the article's products unless none there is alike) when the index holds the
/// article, topped up by articles of its products sharing tags or category
/// (<see cref="ArticleQueries.RelatedAsync"/>) when fewer are alike (a small knowledge base); only by
/// tags and category while the index cannot tell.</summary>
internal sealed class RelatedArticles(ArticleQueries queries, SearchService search)
{
    public const int Max = 5;

    public async Task<IReadOnlyList<ArticleSummary>> ForAsync(ArticleRow article, ClaimsPrincipal reader, CancellationToken ct)
    {
        var audience = Audience.Of(reader);
        var hits = await search.MoreLikeAsync(article.SearchKey, article.ProductList, SearchViewer.From(reader), ArticleVocabulary.Types, Max, ct);
        if (hits is null) return await queries.RelatedAsync(article, audience, ct);
        // The index may trail the database for a moment: list only what is published and visible now.
        var alike = await queries.SummariesAsync(article.Lang, [.. hits.Where(h => h.Lang == article.Lang).Select(h => h.Slug)], audience, ct);
        if (alike.Count >= Max) return alike;
        var tagged = await queries.RelatedAsync(article, audience, ct);
        var sameProducts = tagged.Where(t => article.ProductList.Count == 0 || t.ProductList.Any(article.ProductList.Contains));
        return [.. alike, .. sameProducts.Where(t => alike.All(a => a.Slug != t.Slug)).Take(Max - alike.Count)];
    }
}
