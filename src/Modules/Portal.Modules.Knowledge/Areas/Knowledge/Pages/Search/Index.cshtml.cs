using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Search;

/// <summary>The search page: works as a plain GET form; facets and pages are links.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public static readonly IReadOnlyList<string> FacetNames = ["type", "category", "product", "lang"];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Lang { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public SearchResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q)) return;
        Result = await mediator.Send(new RunSearch(User, Q, Type, Product, Lang, Category, PageNumber, Sort), ct);
    }

    public string? Filter(string facet) => facet switch
    {
        "type" => Type,
        "category" => Category,
        "product" => Product,
        "lang" => Lang,
        _ => null,
    };

    /// <summary>This search with one parameter changed (null removes it); a new filter or sort starts at page 1.</summary>
    public string Link(string? name = null, string? value = null, int? page = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q, ["type"] = Type, ["category"] = Category, ["product"] = Product, ["lang"] = Lang, ["sort"] = Sort,
        };
        if (name is not null) values[name] = value;
        if (page is > 1) values["page"] = page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Url.Page("/Search/Index", values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => (object?)v.Value)) ?? "/Knowledge/Search";
    }

    public string ClickLink(SearchHit hit, int position) =>
        Url.Page("/Search/Go", new { q = Q, k = hit.Key, p = position }) ?? hit.Url;
}
