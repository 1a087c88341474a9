using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Sessions;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage;

/// <summary>Staff overview: sessions starting within TrainingOptions.MaterialsDaysBefore days whose
/// course still has no materials (the service policy hands them over 20 days before).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator, IOptions<TrainingOptions> options) : PageModel
{
    public IReadOnlyList<SessionRow> LackingMaterials { get; private set; } = [];

    public int Days => options.Value.MaterialsDaysBefore;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } rows) return Forbid();
        LackingMaterials = rows;
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User) : IRequest<IReadOnlyList<SessionRow>?>;

    internal sealed class Handler(SessionStore store, IOptions<TrainingOptions> options) : IRequestHandler<Query, IReadOnlyList<SessionRow>?>
    {
        public async Task<IReadOnlyList<SessionRow>?> Handle(Query query, CancellationToken ct) =>
            query.User.IsStaff() ? await store.LackingMaterialsAsync(options.Value.MaterialsDaysBefore, ct) : null;
    }
}
