using System.Data.Common;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.Products;

/// <summary>Staff: add a version to a product (no id) or correct one (its number or release date).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class VersionModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long ProductId { get; set; }

    /// <summary>The version being edited; null when adding one.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public VersionInput Input { get; set; } = new();

    public Target? Product { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Product = await mediator.Send(new Query(User, ProductId, Id), ct);
        if (Product is null) return NotFound();
        if (Product.Version is not null) Input = new VersionInput { Version = Product.Version, Released = Product.ReleasedOn };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Product = await mediator.Send(new Query(User, ProductId, Id), ct);
        if (Product is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, ProductId, Id, Input), ct);
        if (!result.Succeeded) return this.FailureResponse(result, localizer) ?? Page();
        TempData["Message"] = localizer["Version {0} saved.", ProductVersion.Parse(Input.Version).ToString()].Value;
        return RedirectToPage("Edit", new { id = ProductId });
    }

    /// <summary>Null when the product (or the version of it) does not exist, or the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User, long ProductId, long? VersionId) : IRequest<Target?>;

    /// <summary>The product, and the version being edited (when there is one).</summary>
    public sealed class Target
    {
        public string Code { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public string? Version { get; set; }
        public DateOnly? ReleasedOn { get; set; }
    }

    internal sealed class QueryHandler(IDb db) : IRequestHandler<Query, Target?>
    {
        public async Task<Target?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            await using var c = await db.OpenAsync(ct);
            if (query.VersionId is null)
                return await c.QuerySingleOrDefaultAsync<Target>(
                    "SELECT code AS Code, name_zh AS NameZh, name_en AS NameEn FROM sc_products WHERE id = @ProductId", new { query.ProductId });
            return await c.QuerySingleOrDefaultAsync<Target>("""
                SELECT p.code AS Code, p.name_zh AS NameZh, p.name_en AS NameEn,
                       v.major || '.' || v.minor || '.' || v.patch AS Version, v.released_on AS ReleasedOn
                FROM sc_product_versions v JOIN sc_products p ON p.id = v.product_id
                WHERE v.id = @VersionId AND p.id = @ProductId
                """, new { query.ProductId, query.VersionId });
        }
    }

    public sealed record Command(ClaimsPrincipal User, long ProductId, long? VersionId, VersionInput Input) : IRequest<CatalogResult>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct)
        {
            if (Actor.Staff(command.User) is null) return CatalogResult.Forbidden;
            if (!ProductVersion.TryParse(command.Input.Version, out var version))
                return CatalogResult.Invalid("Input.Version", ProductRules.BadVersion);
            var duplicate = CatalogResult.Invalid("Input.Version", ProductRules.DuplicateVersion, version.ToString());
            var args = new
            {
                command.ProductId, Id = command.VersionId ?? 0, version.Major, version.Minor, version.Patch,
                command.Input.Released, Now = clock.GetUtcNow(),
            };
            try
            {
                return await db.WriteAsync(async (c, tx) =>
                {
                    if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_products WHERE id = @ProductId", args, tx) == 0)
                        return CatalogResult.NotFound;
                    if (await c.ExecuteScalarAsync<long>("""
                        SELECT COUNT(*) FROM sc_product_versions
                        WHERE product_id = @ProductId AND major = @Major AND minor = @Minor AND patch = @Patch AND id <> @Id
                        """, args, tx) > 0) return duplicate;
                    if (command.VersionId is null)
                    {
                        await c.ExecuteAsync("""
                            INSERT INTO sc_product_versions (product_id, major, minor, patch, released_on, created_at)
                            VALUES (@ProductId, @Major, @Minor, @Patch, @Released, @Now)
                            """, args, tx);
                        return CatalogResult.Done;
                    }
                    var rows = await c.ExecuteAsync("""
                        UPDATE sc_product_versions SET major = @Major, minor = @Minor, patch = @Patch, released_on = @Released
                        WHERE id = @Id AND product_id = @ProductId
                        """, args, tx);
                    return rows == 1 ? CatalogResult.Done : CatalogResult.NotFound;
                }, ct);
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                return duplicate;
            }
        }
    }
}
