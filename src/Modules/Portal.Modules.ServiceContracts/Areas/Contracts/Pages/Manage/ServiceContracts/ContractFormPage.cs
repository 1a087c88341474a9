using Microsoft.AspNetCore.Authorization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

/// <summary>What the create and edit pages share: the form fields and the pickers.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public abstract class ContractFormPage(IMediator mediator, IDb db, IStringLocalizer localizer) : PageModel
{
    [BindProperty]
    public ContractInput Input { get; set; } = new();

    public IReadOnlyList<OrganisationInfo> Organisations { get; private set; } = [];

    public IReadOnlyList<ProductOption> Products { get; private set; } = [];

    protected IMediator Mediator => mediator;

    protected IDb Db => db;

    protected IStringLocalizer Localizer => localizer;

    protected async Task LoadPickersAsync(CancellationToken ct)
    {
        Organisations = [.. (await StaffLookups.OrganisationsAsync(mediator, ct)).Values.OrderBy(o => o.Name, StringComparer.Ordinal)];
        Products = await StaffLookups.ProductsAsync(db, ct);
    }

    /// <summary>Checks what the form alone cannot: the organisation exists (in Accounts).</summary>
    protected async Task<bool> OrganisationExistsAsync(CancellationToken ct)
    {
        if (Input.OrganisationId is not { } id || await mediator.Send(new GetOrganisation(id), ct) is not null) return true;
        ModelState.AddModelError("Input.OrganisationId", localizer["Choose the organisation."]);
        return false;
    }

    /// <summary>Adds a failed command's message to the form; the page then re-renders with what was typed.</summary>
    protected IActionResult? Failure(ContractResult result)
    {
        if (result.Status == ContractResultStatus.NotFound) return NotFound();
        ModelState.AddModelError(result.Field, localizer[result.Error ?? "The request could not be processed.", result.Args ?? []]);
        return null;
    }
}
