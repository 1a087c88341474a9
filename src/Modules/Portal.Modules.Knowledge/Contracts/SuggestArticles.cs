using System.Security.Claims;
using System.Text.RegularExpressions;
using MediatR;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Contracts;

/// <summary>A knowledge article (FAQ, article or known issue) suggested for some text.</summary>
/// <param name="Url">The article's local address, /Knowledge/Articles/{lang}/{slug}.</param>
/// <param name="SnippetHtml">A short extract, HTML-encoded, with the matching words in &lt;mark&gt;.</param>
/// <param name="Lang">The article's language: zh or en.</param>
public sealed record SuggestedArticle(string Title, string Url, string SnippetHtml, string Lang);

/// <summary>Up to <paramref name="Max"/> published knowledge articles that <paramref name="User"/> may
/// read and that share words with <paramref name="Text"/> (e.g. the title of a request being typed),
/// best first. Visibility and organisation come from the search index's own filters for this user,
/// exactly as on the search page. The text is plain text: quotes, operators, field names or any
/// other input never cause an error. Text shorter than <see cref="MinLength"/> characters gives none.</summary>
public sealed partial record SuggestArticles(ClaimsPrincipal User, string? Text, int Max = 5) : IRequest<IReadOnlyList<SuggestedArticle>>
{
    public const int MinLength = 3;
    public const int MaxResults = 10;

    /// <summary>True for the local address of a knowledge article, and nothing else (no other host,
    /// path, query or fragment): what a suggestion's link may lead to.</summary>
    public static bool IsArticleUrl(string? url) => url is { Length: <= 140 } && ArticleUrl().IsMatch(url);

    [GeneratedRegex("^/Knowledge/Articles/(zh|en)/[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleUrl();

    internal sealed class Handler(SearchService search) : IRequestHandler<SuggestArticles, IReadOnlyList<SuggestedArticle>>
    {
        public async Task<IReadOnlyList<SuggestedArticle>> Handle(SuggestArticles request, CancellationToken ct)
        {
            var text = (request.Text ?? "").Trim();
            if (text.Length < MinLength || request.Max < 1) return [];
            var max = Math.Min(request.Max, MaxResults);
            var hits = await search.RelatedAsync(text, SearchViewer.From(request.User), ArticleVocabulary.Types, max, ct);
            return [.. hits.Where(h => IsArticleUrl(h.Url)).Select(h => new SuggestedArticle(h.Title, h.Url, h.Snippet, h.Lang))];
        }
    }
}
