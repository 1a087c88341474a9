using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Catalog;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>Editing one installation, for the customer's own list and for staff alike; the two
/// pages differ only in their scope and where they go back to.</summary>
public abstract class EditInstallationPage(IMediator mediator, IStringLocalizer localizer, InstallationScope scope) : PageModel, IInstallationForm
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public InstallationInput Input { get; set; } = new();

    public InstallationRow? Installation { get; private set; }

    /// <summary>Set when someone else saved meanwhile: the values saved now.</summary>
    public InstallationRow? Conflict { get; private set; }

    public IReadOnlyList<VersionChoice> Choices { get; private set; } = [];

    public IReadOnlyList<InstallationChange> History { get; private set; } = [];

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
        var result = await mediator.Send(new EditInstallation.Command(User, scope, Id, Input), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The installation has been saved."].Value;
            return RedirectToPage("Index", IndexRouteValues(Installation!));
        }
        if (result.Status == CatalogStatus.Conflict)
        {
            // Keep what the user typed; the next save applies it over the values saved now.
            Conflict = Installation;
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = Installation!.RowVersion;
            return Page();
        }
        return this.FailureResponse(result, localizer) ?? Page();
    }

    /// <summary>Route values of the list to return to after saving <paramref name="saved"/>.</summary>
    protected virtual object? IndexRouteValues(InstallationRow saved) => null;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new InstallationDetails.Query(User, scope, Id), ct) is not { } details) return false;
        (Installation, Choices, History) = (details.Installation, details.Choices, details.History);
        return true;
    }
}
