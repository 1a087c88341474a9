using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;
using Portal.Web.Paging;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

/// <summary>All articles of one category the reader may see, paged.</summary>
[AllowAnonymous]
public sealed class CategoryModel(ArticleQueries queries) : PageModel
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
        Language = Lang is not null && ArticleVocabulary.Languages.Contains(Lang) ? Lang : KnowledgePage.CurrentLanguage;
        Result = await queries.CategoryAsync(Language, Name, Audience.Of(User), PageNumber, ct);
        return Page();
    }
}
