using System.ComponentModel.DataAnnotations;
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

/// <summary>Staff add an installation for any organisation.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class AddModel(IMediator mediator, InstallationStore store, IStringLocalizer localizer) : PageModel, IInstallationForm
{
    [BindProperty(SupportsGet = true, Name = "org")]
    [Required(ErrorMessage = "Choose the organisation.")]
    public long? OrganisationId { get; set; }

    [BindProperty]
    public InstallationInput Input { get; set; } = new();

    public IReadOnlyList<VersionChoice> Choices { get; private set; } = [];

    public IReadOnlyList<OrganisationInfo> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new Command(User, OrganisationId!.Value, Input), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = localizer["The installation has been added."].Value;
                return RedirectToPage("Index", new { org = OrganisationId });
            }
            if (this.FailureResponse(result, localizer) is { } failure) return failure;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Organisations = await mediator.Send(new ListOrganisations(), ct);
        Choices = await store.ChoicesAsync(null, ct);
    }

    public sealed record Command(ClaimsPrincipal User, long OrganisationId, InstallationInput Input) : IRequest<CatalogResult>;

    internal sealed class Handler(InstallationStore store, IMediator mediator) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct)
        {
            if (Actor.Staff(command.User) is not { } actor) return CatalogResult.Forbidden;
            if (await mediator.Send(new GetOrganisation(command.OrganisationId), ct) is null)
                return CatalogResult.Invalid("org", "Choose the organisation.");
            return await store.AddAsync(command.OrganisationId, command.Input, actor, ct);
        }
    }
}
