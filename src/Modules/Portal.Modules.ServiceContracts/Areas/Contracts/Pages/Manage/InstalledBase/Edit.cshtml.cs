using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff edit any organisation's installation.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : PageModel, IInstallationForm
{
    private const InstallationScope Scope = InstallationScope.AnyOrganisation;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public InstallationInput Input { get; set; } = new();

    public InstallationRow? Installation { get; private set; }

    public InstallationRow? Conflict { get; private set; }

    public IReadOnlyList<VersionChoice> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = Installation!.ToInput();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new EditInstallation.Command(User, Scope, Id, Input), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The installation has been saved."].Value;
            return RedirectToPage("Index", new { org = Installation!.OrganisationId });
        }
        if (result.Status == CatalogStatus.Conflict)
        {
            Conflict = Installation;
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = Installation!.RowVersion;
            return Page();
        }
        return this.FailureResponse(result, localizer) ?? Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new InstallationDetails.Query(User, Scope, Id), ct) is not { } details) return false;
        (Installation, Choices) = (details.Installation, details.Choices);
        return true;
    }
}
