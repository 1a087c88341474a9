using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Search;

/// <summary>A result link from the search page: records the click (query, document, position;
/// not who clicked) and redirects to the document. Only keys of documents the caller may see
/// redirect, and only to the local address stored in the index.</summary>
public sealed class GoModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q, string? k, int p, CancellationToken ct)
    {
        var url = string.IsNullOrEmpty(k) ? null : await mediator.Send(new Click(User, q ?? "", k, p), ct);
        return url is not null && Url.IsLocalUrl(url) ? LocalRedirect(url) : RedirectToPage("/Search/Index", new { area = KnowledgeModule.Name, q });
    }

    public sealed record Click(System.Security.Claims.ClaimsPrincipal User, string Query, string Key, int Position) : IRequest<string?>;

    internal sealed class Handler(SearchService search, SearchLog log) : IRequestHandler<Click, string?>
    {
        public Task<string?> Handle(Click click, CancellationToken ct)
        {
            var url = search.UrlOf(click.Key, SearchViewer.From(click.User));
            if (url is not null) log.Clicked(click.Query, click.Key, Math.Clamp(click.Position, 0, 10_000));
            return Task.FromResult(url);
        }
    }
}
