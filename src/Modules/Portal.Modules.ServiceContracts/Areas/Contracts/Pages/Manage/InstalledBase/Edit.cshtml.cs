using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff edit any organisation's installation.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(IMediator mediator, InstallationStore store, IStringLocalizer localizer) : PageModel, IInstallationForm
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public InstallationInput Input { get; set; } = new();

    public InstallationRow? Installation { get; private set; }

    public OrganisationInfo? Organisation { get; private set; }

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
        var result = await mediator.Send(new Command(User, Id, Input), ct);
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
        Installation = await store.GetAsync(Id, null, ct);
        if (Installation is null) return false;
        Organisation = await mediator.Send(new GetOrganisation(Installation.OrganisationId), ct);
        Choices = await store.ChoicesAsync(Installation.ProductId, ct);
        return true;
    }

    public sealed record Command(ClaimsPrincipal User, long Id, InstallationInput Input) : IRequest<CatalogResult>;

    internal sealed class Handler(InstallationStore store) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct) =>
            Actor.Staff(command.User) is { } actor ? await store.UpdateAsync(command.Id, null, command.Input, actor, ct) : CatalogResult.Forbidden;
    }
}
