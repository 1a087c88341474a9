using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff add an installation for any organisation.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class AddModel(IMediator mediator, IStringLocalizer localizer) : PageModel, IInstallationForm
{
    private const InstallationScope Scope = InstallationScope.AnyOrganisation;

    [BindProperty(SupportsGet = true, Name = AddInstallation.OrganisationField)]
    [Required(ErrorMessage = "Choose the organisation.")]
    public long? OrganisationId { get; set; }

    [BindProperty]
    public InstallationInput Input { get; set; } = new();

    public IReadOnlyList<VersionChoice> Choices { get; private set; } = [];

    public IReadOnlyList<OrganisationInfo> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new AddInstallation.Command(User, Scope, OrganisationId, Input), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = localizer["The installation has been added."].Value;
                return RedirectToPage("Index", new { org = OrganisationId });
            }
            if (this.FailureResponse(result, localizer) is { } failure) return failure;
        }
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new AddInstallation.Query(User, Scope), ct) is not { } form) return false;
        (Choices, Organisations) = (form.Choices, form.Organisations);
        return true;
    }
}
