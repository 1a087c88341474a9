using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Web.Paging;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff: every organisation's installations, filtered by organisation and product.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator, InstallationStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Org { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OrganisationInfo> Organisations { get; private set; } = [];

    public IReadOnlyList<ProductInfo> Products { get; private set; } = [];

    public PagedList<InstallationRow> Result { get; private set; } = PagedList<InstallationRow>.Empty;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organisations = await mediator.Send(new ListOrganisations(), ct);
        Products = await mediator.Send(new ListProducts(IncludeInactive: true), ct);
        var productId = Products.FirstOrDefault(p => p.Code == Product)?.Id;
        if (!string.IsNullOrEmpty(Product) && productId is null) return; // an unknown product matches nothing
        Result = await store.ListAsync(Org, productId, PageNumber, ct);
        var names = Organisations.ToDictionary(o => o.Id, o => o.Name);
        foreach (var row in Result.Items) row.OrganisationName = names.GetValueOrDefault(row.OrganisationId, $"#{row.OrganisationId}");
    }
}
