using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Installations;

/// <summary>The customer adds an installation to their own organisation's list.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class AddModel(IMediator mediator, IStringLocalizer localizer) : PageModel, IInstallationForm
{
    private const InstallationScope Scope = InstallationScope.OwnOrganisation;

    [BindProperty]
    public InstallationInput Input { get; set; } = new();

    public IReadOnlyList<VersionChoice> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new AddInstallation.Command(User, Scope, null, Input), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = localizer["The installation has been added."].Value;
                return RedirectToPage("Index");
            }
            if (this.FailureResponse(result, localizer) is { } failure) return failure;
        }
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new AddInstallation.Query(User, Scope), ct) is not { } form) return false;
        Choices = form.Choices;
        return true;
    }
}
