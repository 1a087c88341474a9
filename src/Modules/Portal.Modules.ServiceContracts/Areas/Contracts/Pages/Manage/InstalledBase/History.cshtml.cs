using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff: the version history of one installation (who changed it to what, when).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class HistoryModel(IMediator mediator, InstallationStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public InstallationRow? Installation { get; private set; }

    public OrganisationInfo? Organisation { get; private set; }

    public IReadOnlyList<InstallationChange> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Installation = await store.GetAsync(Id, null, ct);
        if (Installation is null) return NotFound();
        Organisation = await mediator.Send(new GetOrganisation(Installation.OrganisationId), ct);
        History = await store.HistoryAsync(Id, ct);
        return Page();
    }
}
