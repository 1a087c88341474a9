using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Installations;

[Authorize(Policy = PortalPolicies.Customer)]
public sealed class AddModel(IMediator mediator, InstallationStore store, IStringLocalizer localizer) : PageModel, IInstallationForm
{
    [BindProperty]
    public InstallationInput Input { get; set; } = new();

    public IReadOnlyList<VersionChoice> Choices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Choices = await store.ChoicesAsync(null, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new Command(User, Input), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = localizer["The installation has been added."].Value;
                return RedirectToPage("Index");
            }
            if (this.FailureResponse(result, localizer) is { } failure) return failure;
        }
        Choices = await store.ChoicesAsync(null, ct);
        return Page();
    }

    public sealed record Command(ClaimsPrincipal User, InstallationInput Input) : IRequest<CatalogResult>;

    internal sealed class Handler(InstallationStore store) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct) =>
            command.User.OrganisationId() is { } organisation && Actor.Of(command.User) is { } actor
                ? await store.AddAsync(organisation, command.Input, actor, ct)
                : CatalogResult.Forbidden;
    }
}
