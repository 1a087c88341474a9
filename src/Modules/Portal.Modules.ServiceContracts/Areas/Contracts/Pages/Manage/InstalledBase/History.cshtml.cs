using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff: the version history of one installation (who changed it to what, when).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class HistoryModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public InstallationRow? Installation { get; private set; }

    public IReadOnlyList<InstallationChange> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new InstallationDetails.Query(User, InstallationScope.AnyOrganisation, Id), ct) is not { } details) return NotFound();
        (Installation, History) = (details.Installation, details.History);
        return Page();
    }
}
