using System.Data.Common;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.Products;

/// <summary>Staff: a product's names and status, and the list of its versions.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public ProductInput Input { get; set; } = new();

    public Details? Product { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Product = await mediator.Send(new Query(User, Id), ct);
        if (Product is null) return NotFound();
        Input = new ProductInput { Code = Product.Code, NameZh = Product.NameZh, NameEn = Product.NameEn, IsActive = Product.IsActive };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Product = await mediator.Send(new Query(User, Id), ct);
        if (Product is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, Id, Input), ct);
        if (!result.Succeeded) return this.FailureResponse(result, localizer) ?? Page();
        TempData["Message"] = localizer["Product {0} saved.", Input.Code].Value;
        return RedirectToPage("Index");
    }

    /// <summary>Null when the product does not exist (or the user is not staff).</summary>
    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<Details?>;

    public sealed class Details
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public bool IsActive { get; set; }
        public IReadOnlyList<VersionRow> Versions { get; set; } = [];
    }

    public sealed class VersionRow
    {
        public long Id { get; set; }
        public int Major { get; set; }
        public int Minor { get; set; }
        public int Patch { get; set; }
        public DateOnly? ReleasedOn { get; set; }
        public long InstallationCount { get; set; }

        public string Version => $"{Major}.{Minor}.{Patch}";
    }

    internal sealed class QueryHandler(IDb db) : IRequestHandler<Query, Details?>
    {
        public async Task<Details?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            await using var c = await db.OpenAsync(ct);
            var product = await c.QuerySingleOrDefaultAsync<Details>(
                "SELECT id AS Id, code AS Code, name_zh AS NameZh, name_en AS NameEn, is_active AS IsActive FROM sc_products WHERE id = @Id", new { query.Id });
            if (product is null) return null;
            product.Versions = [.. await c.QueryAsync<VersionRow>("""
                SELECT v.id AS Id, v.major AS Major, v.minor AS Minor, v.patch AS Patch, v.released_on AS ReleasedOn,
                       (SELECT COUNT(*) FROM sc_installations i WHERE i.version_id = v.id AND i.removed_at IS NULL) AS InstallationCount
                FROM sc_product_versions v WHERE v.product_id = @Id
                ORDER BY v.major DESC, v.minor DESC, v.patch DESC
                """, new { query.Id })];
            return product;
        }
    }

    public sealed record Command(ClaimsPrincipal User, long Id, ProductInput Input) : IRequest<CatalogResult>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct)
        {
            if (Actor.Staff(command.User) is null) return CatalogResult.Forbidden;
            var input = command.Input;
            try
            {
                return await db.WriteAsync(async (c, tx) =>
                {
                    if (await ProductRules.CodeTakenAsync(c, tx, input.Code, command.Id)) return ProductRules.CodeResult(input.Code);
                    var rows = await c.ExecuteAsync("""
                        UPDATE sc_products SET code = @Code, name_zh = @NameZh, name_en = @NameEn, is_active = @IsActive, updated_at = @Now
                        WHERE id = @Id
                        """, new { command.Id, input.Code, NameZh = input.NameZh.Trim(), NameEn = input.NameEn.Trim(), input.IsActive, Now = clock.GetUtcNow() }, tx);
                    return rows == 1 ? CatalogResult.Done : CatalogResult.NotFound;
                }, ct);
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                return ProductRules.CodeResult(input.Code);
            }
        }
    }
}
