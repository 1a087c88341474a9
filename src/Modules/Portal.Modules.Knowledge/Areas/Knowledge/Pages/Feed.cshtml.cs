using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Text;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;
using Portal.Web.Feeds;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

/// <summary>Atom feed of the public articles of one language (newest 50). Only public ones: a feed
/// reader has no session.</summary>
[AllowAnonymous]
public sealed class FeedModel(IMediator mediator, IOptions<PortalOptions> options, IStringLocalizer localizer) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string lang, CancellationToken ct)
    {
        if (!ArticleVocabulary.Languages.Contains(lang)) return NotFound();
        var articles = await mediator.Send(new Query(lang), ct);
        var baseUrl = options.Value.BaseUrl.TrimEnd('/');
        var feedUrl = $"{baseUrl}/Knowledge/Feed/{lang}";
        var entries = articles.Select(a => new AtomEntry(baseUrl + a.Url, a.Title, a.UpdatedAt, a.Category, SafeMarkdown.ToPlainText(a.Body))).ToList();
        return AtomFeed.Result(lang == "en" ? "en" : "zh-CN", feedUrl, $"{baseUrl}/Knowledge?lang={lang}", localizer["Knowledge base"].Value,
            localizer["Customer Portal"].Value, entries);
    }

    public sealed record Query(string Language) : IRequest<IReadOnlyList<ArticleRow>>;

    internal sealed class Handler(ArticleQueries queries) : IRequestHandler<Query, IReadOnlyList<ArticleRow>>
    {
        public Task<IReadOnlyList<ArticleRow>> Handle(Query query, CancellationToken ct) => queries.FeedAsync(query.Language, ct);
    }
}
