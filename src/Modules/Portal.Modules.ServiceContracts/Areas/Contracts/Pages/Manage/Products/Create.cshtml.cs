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

[Authorize(Policy = PortalPolicies.Staff)]
public sealed class CreateModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty]
    public ProductInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var (result, id) = await mediator.Send(new Command(User, Input), ct);
        if (!result.Succeeded) return this.FailureResponse(result, localizer) ?? Page();
        TempData["Message"] = localizer["Product {0} created. Add its versions now.", Input.Code].Value;
        return RedirectToPage("Edit", new { id });
    }

    public sealed record Command(ClaimsPrincipal User, ProductInput Input) : IRequest<(CatalogResult Result, long Id)>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Command, (CatalogResult Result, long Id)>
    {
        public async Task<(CatalogResult Result, long Id)> Handle(Command command, CancellationToken ct)
        {
            if (Actor.Staff(command.User) is null) return (CatalogResult.Forbidden, 0);
            var input = command.Input;
            try
            {
                return await db.WriteAsync(async (c, tx) =>
                {
                    if (await ProductRules.CodeTakenAsync(c, tx, input.Code, 0)) return (ProductRules.CodeResult(input.Code), 0L);
                    var id = await c.ExecuteScalarAsync<long>("""
                        INSERT INTO sc_products (code, name_zh, name_en, is_active, created_at, updated_at)
                        VALUES (@Code, @NameZh, @NameEn, @IsActive, @Now, @Now) RETURNING id
                        """, new { input.Code, NameZh = input.NameZh.Trim(), NameEn = input.NameEn.Trim(), input.IsActive, Now = clock.GetUtcNow() }, tx);
                    return (CatalogResult.Done, id);
                }, ct);
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                return (ProductRules.CodeResult(input.Code), 0);
            }
        }
    }
}
