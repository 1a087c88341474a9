using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.ServiceContracts.Installations;
using Portal.Web.Paging;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff: every organisation's installations, filtered by organisation and product.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, Org, Product, PageNumber), ct) is not { } data) return Forbid();
        (Organisations, Products, Result) = (data.Organisations, data.Products, data.Installations);
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User, long? OrganisationId, string? ProductCode, int Page) : IRequest<Data?>;

    /// <summary>The filter choices, and the page of installations with each organisation's name.</summary>
    public sealed record Data(IReadOnlyList<OrganisationInfo> Organisations, IReadOnlyList<ProductInfo> Products, PagedList<InstallationRow> Installations);

    internal sealed class Handler(IMediator mediator) : IRequestHandler<Query, Data?>
    {
        public async Task<Data?> Handle(Query query, CancellationToken ct)
        {
            var installations = await mediator.Send(
                new InstallationList.Query(query.User, InstallationScope.AnyOrganisation, query.Page, query.OrganisationId, query.ProductCode), ct);
            if (installations is null) return null;
            var organisations = await mediator.Send(new ListOrganisations(), ct);
            var names = organisations.ToDictionary(o => o.Id, o => o.Name);
            foreach (var row in installations.Items) row.OrganisationName = names.GetValueOrDefault(row.OrganisationId, $"#{row.OrganisationId}");
            return new Data(organisations, await mediator.Send(new ListProducts(IncludeInactive: true), ct), installations);
        }
    }
}
