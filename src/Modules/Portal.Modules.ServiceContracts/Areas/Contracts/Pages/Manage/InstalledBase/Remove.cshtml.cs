using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff: the confirmation step before removing an installation.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RemoveModel(IMediator mediator, InstallationStore store, IStringLocalizer localizer) : PageModel, IRemoveInstallation
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int RowVersion { get; set; }

    public InstallationRow? Installation { get; private set; }

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Installation = await store.GetAsync(Id, null, ct);
        return Installation is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var before = await store.GetAsync(Id, null, ct);
        var result = await mediator.Send(new Command(User, Id, RowVersion), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The installation has been removed."].Value;
            return RedirectToPage("Index", new { org = before?.OrganisationId });
        }
        if (result.Status != CatalogStatus.Conflict) return this.FailureResponse(result, localizer) ?? RedirectToPage("Index");
        Installation = await store.GetAsync(Id, null, ct);
        if (Installation is null) return NotFound();
        Conflict = true;
        return Page();
    }

    public sealed record Command(ClaimsPrincipal User, long Id, int RowVersion) : IRequest<CatalogResult>;

    internal sealed class Handler(InstallationStore store) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct) =>
            Actor.Staff(command.User) is { } actor ? await store.RemoveAsync(command.Id, null, command.RowVersion, actor, ct) : CatalogResult.Forbidden;
    }
}
