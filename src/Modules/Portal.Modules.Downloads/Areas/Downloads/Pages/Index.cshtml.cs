using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Downloads.Releases;
using Portal.Web.Paging;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>The download centre: product → version → kind, with filters and paging. Visitors who
/// are not signed in see only public releases (manuals); drafts are never listed here.</summary>
[AllowAnonymous]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Model Result { get; private set; } = new([], [], PagedList<ReleaseRow>.Empty, false);

    public async Task OnGetAsync(CancellationToken ct) => Result = await mediator.Send(new Query(User, Product, Version, Kind, PageNumber), ct);

    public sealed record Model(IReadOnlyList<ProductInfo> Products, IReadOnlyList<ProductVersion> Versions, PagedList<ReleaseRow> Releases, bool PublicOnly);

    public sealed record Query(ClaimsPrincipal User, string? Product, string? Version, string? Kind, int Page) : IRequest<Model>;

    internal sealed class Handler(ReleaseQueries queries, IMediator mediator) : IRequestHandler<Query, Model>
    {
        public async Task<Model> Handle(Query query, CancellationToken ct)
        {
            var publicOnly = query.User.Identity?.IsAuthenticated != true;
            var products = await mediator.Send(new ListProducts(), ct);
            // Unknown filter values match nothing rather than everything: they come from the query string.
            var product = products.FirstOrDefault(p => p.Code == query.Product)?.Code;
            ProductVersion? version = ProductVersion.TryParse(query.Version, out var v) ? v : null;
            var kind = ReleaseVocabulary.IsKind(query.Kind) ? query.Kind : null;
            if ((query.Product is { Length: > 0 } && product is null) || (query.Version is { Length: > 0 } && version is null)
                || (query.Kind is { Length: > 0 } && kind is null))
                return new Model(products, [], PagedList<ReleaseRow>.Empty, publicOnly);
            var versions = product is null ? [] : await queries.VersionsAsync(product, publicOnly, ct);
            var releases = await queries.BrowseAsync(new ReleaseFilter(product, version, kind), publicOnly, includeDrafts: false, query.Page, ct);
            return new Model(products, versions, releases, publicOnly);
        }
    }
}
