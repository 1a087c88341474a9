using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Modules;

namespace Portal.Web.Pages;

/// <summary>The home page: the signed-in user's notices from the modules (open surveys, ...), then the tiles the
/// modules contribute, in their order.</summary>
[AllowAnonymous]
public sealed class IndexModel(IMediator mediator, IEnumerable<HomeTile> tiles) : PageModel
{
    public IReadOnlyList<HomeTile> Tiles { get; } = [.. tiles.OrderBy(t => t.Order)];

    public IReadOnlyList<HomeNotice> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true) Notices = await mediator.Send(new Query(User), ct);
    }

    public sealed record Query(ClaimsPrincipal User) : IRequest<IReadOnlyList<HomeNotice>>;

    /// <summary>Asks every module's <see cref="IHomeNotices"/> source (registered in AddPortalWeb: Portal.Web is no module,
    /// its handlers are not scanned).</summary>
    internal sealed class Handler(IEnumerable<IHomeNotices> sources) : IRequestHandler<Query, IReadOnlyList<HomeNotice>>
    {
        public async Task<IReadOnlyList<HomeNotice>> Handle(Query query, CancellationToken ct)
        {
            var all = new List<HomeNotice>();
            foreach (var source in sources) all.AddRange(await source.ForAsync(query.User, ct));
            return [.. all.OrderBy(n => n.Order)];
        }
    }
}
