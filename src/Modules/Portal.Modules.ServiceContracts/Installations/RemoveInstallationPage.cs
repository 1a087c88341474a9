using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Catalog;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>The confirmation step before an installation is removed, for the customer's own list
/// and for staff alike; the two pages differ only in their scope and where they go back to.</summary>
public abstract class RemoveInstallationPage(IMediator mediator, IStringLocalizer localizer, InstallationScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int RowVersion { get; set; }

    public InstallationRow? Installation { get; private set; }

    /// <summary>Someone else changed the installation since the confirmation was shown.</summary>
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Installation = await FindAsync(ct);
        return Installation is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var before = await FindAsync(ct);
        var result = await mediator.Send(new RemoveInstallation.Command(User, scope, Id, RowVersion), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The installation has been removed."].Value;
            return RedirectToPage("Index", IndexRouteValues(before));
        }
        if (result.Status != CatalogStatus.Conflict) return this.FailureResponse(result, localizer) ?? RedirectToPage("Index");
        Installation = await FindAsync(ct);
        if (Installation is null) return NotFound();
        Conflict = true;
        return Page();
    }

    /// <summary>Route values of the list to return to after removing <paramref name="removed"/>.</summary>
    protected virtual object? IndexRouteValues(InstallationRow? removed) => null;

    private async Task<InstallationRow?> FindAsync(CancellationToken ct) =>
        (await mediator.Send(new InstallationDetails.Query(User, scope, Id), ct))?.Installation;
}
