using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Organisations;

/// <summary>The confirmation step for deactivating or reactivating an organisation. Deactivating
/// keeps every row; its users cannot sign in while it is deactivated (PortalSignInManager).</summary>
public sealed class SetActiveModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The state the admin confirmed: true to reactivate, false to deactivate.</summary>
    [BindProperty]
    public bool Active { get; set; }

    public Summary? Organisation { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Organisation = await mediator.Send(new Query(Id), ct);
        return Organisation is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new Command(User, Id, Active), ct);
        if (!result.Succeeded) return this.FailureResponse(result, localizer) ?? RedirectToPage("Index");
        TempData["Message"] = (Active ? localizer["The organisation has been reactivated."] : localizer["The organisation has been deactivated."]).Value;
        return RedirectToPage("Index");
    }

    public sealed record Query(long Id) : IRequest<Summary?>;

    public sealed class Summary
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public bool IsActive { get; set; }
        public long UserCount { get; set; }
    }

    internal sealed class QueryHandler(IDb db) : IRequestHandler<Query, Summary?>
    {
        public async Task<Summary?> Handle(Query query, CancellationToken ct)
        {
            await using var c = await db.OpenAsync(ct);
            return await c.QuerySingleOrDefaultAsync<Summary>("""
                SELECT o.id AS Id, o.code AS Code, o.name AS Name, o.is_active AS IsActive,
                       (SELECT COUNT(*) FROM acc_users u WHERE u.organisation_id = o.id) AS UserCount
                FROM acc_organisations o WHERE o.id = @Id
                """, new { query.Id });
        }
    }

    public sealed record Command(ClaimsPrincipal Actor, long Id, bool Active) : IRequest<CommandResult>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            var rows = await db.WriteAsync((c, tx) => c.ExecuteAsync(
                "UPDATE acc_organisations SET is_active = @Active, updated_at = @Now WHERE id = @Id",
                new { command.Id, command.Active, Now = clock.GetUtcNow() }, tx), ct);
            return rows == 1 ? CommandResult.Done : CommandResult.NotFound;
        }
    }
}
