using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

/// <summary>What the create and edit pages share: the form fields and the pickers (which their
/// queries load).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public abstract class ContractFormPage(IStringLocalizer localizer) : PageModel
{
    [BindProperty]
    public ContractInput Input { get; set; } = new();

    public IReadOnlyList<OrganisationInfo> Organisations { get; protected set; } = [];

    public IReadOnlyList<ProductOption> Products { get; protected set; } = [];

    protected IStringLocalizer Localizer => localizer;

    /// <summary>Checks what the form alone cannot: the organisation exists (in Accounts). The command
    /// checks it again; this shows the message together with the form's own.</summary>
    protected bool OrganisationExists()
    {
        if (Input.OrganisationId is not { } id || Organisations.Any(o => o.Id == id)) return true;
        ModelState.AddModelError("Input.OrganisationId", localizer[StaffContractChecks.UnknownOrganisation]);
        return false;
    }

    /// <summary>Adds a failed command's message to the form; the page then re-renders with what was typed.</summary>
    protected IActionResult? Failure(ContractResult result)
    {
        if (result.Status == ContractResultStatus.NotFound) return NotFound();
        if (result.Status == ContractResultStatus.Forbidden) return Forbid();
        ModelState.AddModelError(result.Field, localizer[result.Error ?? "The request could not be processed.", result.Args ?? []]);
        return null;
    }
}
