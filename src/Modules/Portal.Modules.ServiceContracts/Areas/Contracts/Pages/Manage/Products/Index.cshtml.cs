using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Web.Paging;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.Products;

/// <summary>Staff: the product catalog.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<Row> Result { get; private set; } = PagedList<Row>.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, PageNumber), ct) is not { } result) return Forbid();
        Result = result;
        return Page();
    }

    /// <summary>Null when the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User, int Page) : IRequest<PagedList<Row>?>;

    public sealed class Row
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public bool IsActive { get; set; }
        public long VersionCount { get; set; }
        public long InstallationCount { get; set; }
        public string? Latest { get; set; }
    }

    internal sealed class Handler(IDb db) : IRequestHandler<Query, PagedList<Row>?>
    {
        public async Task<PagedList<Row>?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            await using var c = await db.OpenAsync(ct);
            var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_products");
            var rows = await c.QueryAsync<Row>("""
                SELECT p.id AS Id, p.code AS Code, p.name_zh AS NameZh, p.name_en AS NameEn, p.is_active AS IsActive,
                       (SELECT COUNT(*) FROM sc_product_versions v WHERE v.product_id = p.id) AS VersionCount,
                       (SELECT COUNT(*) FROM sc_installations i WHERE i.product_id = p.id AND i.removed_at IS NULL) AS InstallationCount,
                       (SELECT v.major || '.' || v.minor || '.' || v.patch FROM sc_product_versions v WHERE v.product_id = p.id
                        ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1) AS Latest
                FROM sc_products p
                ORDER BY p.code
                LIMIT @Take OFFSET @Skip
                """, new { Take = PagedList<Row>.DefaultPageSize, Skip = PagedList<Row>.Offset(query.Page, PagedList<Row>.DefaultPageSize) });
            return new PagedList<Row>([.. rows], PagedList<Row>.Normalize(query.Page), PagedList<Row>.DefaultPageSize, total);
        }
    }
}
