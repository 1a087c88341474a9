using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;
using Portal.Web.Paging;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

/// <summary>All articles of one category the reader may see, paged.</summary>
[AllowAnonymous]
public sealed class CategoryModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Lang { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public string Language { get; private set; } = "zh";

    public PagedList<ArticleSummary> Result { get; private set; } = new([], 1, ArticleQueries.PageSize, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Name)) return RedirectToPage("/Index");
        // No category name holds a control character (PostgreSQL refuses NUL in a query parameter).
        if (Name.Any(char.IsControl)) return NotFound();
        Language = ArticleVocabulary.LanguageFor(Lang, CultureInfo.CurrentUICulture);
        Result = await mediator.Send(new Query(User, Language, Name, PageNumber), ct);
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User, string Language, string Category, int Page) : IRequest<PagedList<ArticleSummary>>;

    internal sealed class Handler(ArticleQueries queries) : IRequestHandler<Query, PagedList<ArticleSummary>>
    {
        public Task<PagedList<ArticleSummary>> Handle(Query query, CancellationToken ct) =>
            queries.CategoryAsync(query.Language, query.Category, Audience.Of(query.User), query.Page, ct);
    }
}
