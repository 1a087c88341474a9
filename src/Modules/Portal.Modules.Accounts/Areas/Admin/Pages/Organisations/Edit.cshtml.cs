using System.Data.Common;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Organisations;

public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public Details? Organisation { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Organisation = await mediator.Send(new Query(Id), ct);
        if (Organisation is null) return NotFound();
        Input = new OrganisationInput { Code = Organisation.Code, Name = Organisation.Name, AccountManagerEmail = Organisation.AccountManagerEmail };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organisation = await mediator.Send(new Query(Id), ct);
        if (Organisation is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, Id, Input), ct);
        if (!result.Succeeded) return this.FailureResponse(result, localizer) ?? Page();
        TempData["Message"] = localizer["Organisation {0} saved.", Input.Code].Value;
        return RedirectToPage("Index");
    }

    public sealed record Query(long Id) : IRequest<Details?>;

    public sealed class Details
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? AccountManagerEmail { get; set; }
        public bool IsActive { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    internal sealed class QueryHandler(IDb db) : IRequestHandler<Query, Details?>
    {
        public async Task<Details?> Handle(Query query, CancellationToken ct)
        {
            await using var c = await db.OpenAsync(ct);
            return await c.QuerySingleOrDefaultAsync<Details>("""
                SELECT id AS Id, code AS Code, name AS Name, account_manager_email AS AccountManagerEmail, is_active AS IsActive,
                       created_at AS CreatedAt, updated_at AS UpdatedAt
                FROM acc_organisations WHERE id = @Id
                """, new { query.Id });
        }
    }

    public sealed record Command(ClaimsPrincipal Actor, long Id, OrganisationInput Input) : IRequest<CommandResult>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            var input = command.Input;
            try
            {
                return await db.WriteAsync(async (c, tx) =>
                {
                    if (await OrganisationCodes.TakenAsync(c, tx, input.Code, command.Id)) return OrganisationCodes.DuplicateResult(input.Code);
                    var rows = await c.ExecuteAsync("""
                        UPDATE acc_organisations SET code = @Code, name = @Name, account_manager_email = @Email, updated_at = @Now
                        WHERE id = @Id
                        """, new { command.Id, input.Code, Name = input.CleanName, Email = input.CleanAccountManagerEmail, Now = clock.GetUtcNow() }, tx);
                    return rows == 1 ? CommandResult.Done : CommandResult.NotFound;
                }, ct);
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                return OrganisationCodes.DuplicateResult(input.Code);
            }
        }
    }
}
