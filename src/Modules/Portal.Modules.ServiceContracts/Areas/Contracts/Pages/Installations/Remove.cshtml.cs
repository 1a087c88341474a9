using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Installations;

/// <summary>The confirmation step before the customer removes an installation from their list.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
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
        if (User.OrganisationId() is not { } organisation) return NotFound();
        Installation = await store.GetAsync(Id, organisation, ct);
        return Installation is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new Command(User, Id, RowVersion), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The installation has been removed."].Value;
            return RedirectToPage("Index");
        }
        if (result.Status != CatalogStatus.Conflict) return this.FailureResponse(result, localizer) ?? RedirectToPage("Index");
        if (User.OrganisationId() is not { } organisation) return NotFound();
        Installation = await store.GetAsync(Id, organisation, ct);
        if (Installation is null) return NotFound();
        Conflict = true;
        return Page();
    }

    public sealed record Command(ClaimsPrincipal User, long Id, int RowVersion) : IRequest<CatalogResult>;

    internal sealed class Handler(InstallationStore store) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct) =>
            command.User.OrganisationId() is { } organisation && Actor.Of(command.User) is { } actor
                ? await store.RemoveAsync(command.Id, organisation, command.RowVersion, actor, ct)
                : CatalogResult.NotFound;
    }
}
