using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Installations;
using Portal.Web.Paging;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Installations;

/// <summary>The customer's installed base: the products and versions their organisation runs.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<InstallationRow> Result { get; private set; } = PagedList<InstallationRow>.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new InstallationList.Query(User, InstallationScope.OwnOrganisation, PageNumber), ct);
        if (result is null) return Forbid();
        Result = result;
        return Page();
    }
}
