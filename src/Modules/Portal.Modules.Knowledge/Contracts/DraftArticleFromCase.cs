using System.Security.Claims;
using MediatR;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Contracts;

/// <summary>Staff turn a solved case into a draft known-issue article for customers, linked back to
/// the case (<paramref name="SourceLabel"/>, <paramref name="SourceUrl"/>: shown to staff only). The slug
/// comes from the label, so asking twice for one case gives the article made the first time.</summary>
public sealed record DraftArticleFromCase(ClaimsPrincipal User, string Lang, string Title, string Body, string ProductCode,
    string? Versions, string SourceLabel, string SourceUrl) : IRequest<DraftedArticle>;

/// <summary>The draft: <see cref="Created"/> is false when the case already had one.</summary>
public sealed record DraftedArticle(long Id, string Title, string EditUrl, bool Created);

internal sealed class DraftArticleFromCaseHandler(ArticleStore articles) : IRequestHandler<DraftArticleFromCase, DraftedArticle>
{
    public async Task<DraftedArticle> Handle(DraftArticleFromCase request, CancellationToken ct)
    {
        StaffOnly.Require(request.User);
        var lang = ArticleVocabulary.Languages.Contains(request.Lang) ? request.Lang : "zh";
        var slug = request.SourceLabel.ToLowerInvariant();
        if (!ArticleVocabulary.IsSlug(slug)) throw new ArgumentException($"\"{request.SourceLabel}\" does not make a slug.", nameof(request));
        var product = request.ProductCode.ToUpperInvariant();
        var content = new ArticleContent(ArticleVocabulary.KnownIssue, request.Title.Trim(), request.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n'),
            lang == "en" ? "Troubleshooting" : "故障排除", ArticleVocabulary.IsProductCode(product) ? [product] : [],
            string.IsNullOrWhiteSpace(request.Versions) ? null : request.Versions.Trim(), [], ArticleVocabulary.Customers);
        var outcome = await articles.CreateAsync(lang, slug, content, Actor.Of(request.User), ct, new ArticleSource(request.SourceLabel, request.SourceUrl));
        var article = outcome.Status == SaveStatus.Saved ? outcome.Current! : await articles.FindAsync(lang, slug, ct)
            ?? throw new InvalidOperationException($"Article {lang}/{slug} is neither new nor stored.");
        return new DraftedArticle(article.Id, article.Title, $"/Knowledge/Manage/Edit?id={article.Id}", outcome.Status == SaveStatus.Saved);
    }
}
