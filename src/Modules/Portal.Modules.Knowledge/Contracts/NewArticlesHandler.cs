using Dapper;
using MediatR;
using Portal.Modules.Core.Data;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Contracts;

internal sealed class NewArticlesHandler(IDb db) : IRequestHandler<ListNewArticles, IReadOnlyList<NewArticle>>
{
    private sealed class Row
    {
        public long Id { get; set; }
        public string Lang { get; set; } = "";
        public string Slug { get; set; } = "";
        public string Type { get; set; } = "";
        public string Title { get; set; } = "";
        public string Products { get; set; } = "";
        public DateTimeOffset PublishedAt { get; set; }
    }

    public async Task<IReadOnlyList<NewArticle>> Handle(ListNewArticles request, CancellationToken ct)
    {
        if (request.ProductCodes.Count == 0) return [];
        var wanted = request.ProductCodes.ToHashSet(StringComparer.Ordinal);
        await using var c = await db.OpenAsync(ct);
        // Products are stored one per line; a month's new articles are few, so they are matched here.
        var rows = await c.QueryAsync<Row>($"""
            SELECT a.id AS Id, a.lang AS Lang, a.slug AS Slug, a.type AS Type, a.title AS Title, a.products AS Products, a.published_at AS PublishedAt
            FROM kb_articles a
            WHERE a.status = '{ArticleVocabulary.Published}' AND a.visibility IN ({Audience.Customers.SqlList})
              AND a.published_at >= @From AND a.published_at < @To
            ORDER BY a.published_at, a.id
            """, new { request.From, request.To });
        return [.. rows.Select(r => (Row: r, Products: ArticleContent.Split(r.Products)))
            .Where(x => x.Products.Any(wanted.Contains))
            .Select(x => new NewArticle(x.Row.Id, x.Row.Lang, x.Row.Slug, x.Row.Type, x.Row.Title, x.Products, x.Row.PublishedAt))];
    }
}
