using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

/// <summary>The knowledge base home: categories, FAQs per category, most viewed and recently updated.</summary>
[AllowAnonymous]
public sealed class IndexModel(ArticleQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Lang { get; set; }

    public string Language { get; private set; } = "zh";

    public KnowledgeHome Home { get; private set; } = new([], new Dictionary<string, IReadOnlyList<ArticleSummary>>(), [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Language = Lang is not null && ArticleVocabulary.Languages.Contains(Lang) ? Lang : KnowledgePage.CurrentLanguage;
        Home = await queries.HomeAsync(Language, Audience.Of(User), ct);
    }
}
