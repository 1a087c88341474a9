using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

/// <summary>The knowledge base home: categories, FAQs per category, most viewed and recently updated.</summary>
[AllowAnonymous]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Lang { get; set; }

    public string Language { get; private set; } = "zh";

    public KnowledgeHome Home { get; private set; } = new([], new Dictionary<string, IReadOnlyList<ArticleSummary>>(), [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Language = ArticleVocabulary.LanguageFor(Lang, CultureInfo.CurrentUICulture);
        Home = await mediator.Send(new Query(User, Language), ct);
    }

    public sealed record Query(ClaimsPrincipal User, string Language) : IRequest<KnowledgeHome>;

    internal sealed class Handler(ArticleQueries queries) : IRequestHandler<Query, KnowledgeHome>
    {
        public Task<KnowledgeHome> Handle(Query query, CancellationToken ct) =>
            queries.HomeAsync(query.Language, Audience.Of(query.User), ct);
    }
}
