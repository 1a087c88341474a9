using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff: the confirmation step before removing an installation.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RemoveModel(IMediator mediator, IStringLocalizer localizer) : PageModel, IRemoveInstallation
{
    private const InstallationScope Scope = InstallationScope.AnyOrganisation;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int RowVersion { get; set; }

    public InstallationRow? Installation { get; private set; }

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Installation = await FindAsync(ct);
        return Installation is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var before = await FindAsync(ct);
        var result = await mediator.Send(new RemoveInstallation.Command(User, Scope, Id, RowVersion), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The installation has been removed."].Value;
            return RedirectToPage("Index", new { org = before?.OrganisationId });
        }
        if (result.Status != CatalogStatus.Conflict) return this.FailureResponse(result, localizer) ?? RedirectToPage("Index");
        Installation = await FindAsync(ct);
        if (Installation is null) return NotFound();
        Conflict = true;
        return Page();
    }

    private async Task<InstallationRow?> FindAsync(CancellationToken ct) =>
        (await mediator.Send(new InstallationDetails.Query(User, Scope, Id), ct))?.Installation;
}
