using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>One role per user: the new role replaces the others. A customer belongs to an active
/// organisation; staff and administrators to none. Admins cannot take away their own Admin role.</summary>
public sealed class ChangeRoleModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public sealed class InputModel
    {
        public string? Role { get; set; }

        public long? OrganisationId { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public UserSummary Account { get; private set; } = new();

    public IReadOnlyList<OrganisationOption> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = new InputModel { Role = Account.Role, OrganisationId = Account.OrganisationId };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new Command(User, Id, Input.Role ?? "", Input.OrganisationId), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = localizer["The role has been saved."].Value;
                return RedirectToPage("Details", new { Id });
            }
            if (this.FailureResponse(result, localizer) is { } failure) return failure;
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new UserSummaryQuery(Id), ct) is not { } account) return false;
        Account = account;
        Organisations = await mediator.Send(new OrganisationOptionsQuery(ActiveOnly: true, AlsoId: account.OrganisationId), ct);
        return true;
    }

    public sealed record Command(ClaimsPrincipal Actor, long Id, string Role, long? OrganisationId) : IRequest<CommandResult>;

    internal sealed class Handler(IDb db, Identity.AuditLog audit) : IRequestHandler<Command, CommandResult>
    {
        private sealed class Current
        {
            public string UserName { get; set; } = "";
            public long? OrganisationId { get; set; }
            public string? OrganisationCode { get; set; }
        }

        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            var check = await RoleRules.CheckAsync(db, command.Role, command.OrganisationId, "Input", ct);
            if (check is not null) return check;

            var outcome = await db.WriteAsync<(CommandResult Result, string? Detail, string? UserName)>(async (c, tx) =>
            {
                var current = await c.QuerySingleOrDefaultAsync<Current>("""
                    SELECT u.user_name AS UserName, u.organisation_id AS OrganisationId, o.code AS OrganisationCode
                    FROM acc_users u LEFT JOIN acc_organisations o ON o.id = u.organisation_id WHERE u.id = @Id
                    """, new { command.Id }, tx);
                if (current is null) return (CommandResult.NotFound, null, null);
                var roles = (await c.QueryAsync<string>("SELECT role FROM acc_user_roles WHERE user_id = @Id ORDER BY role", new { command.Id }, tx)).ToList();
                if (command.Actor.UserId() == command.Id && roles.Contains(PortalRoles.Admin) && command.Role != PortalRoles.Admin)
                    return (CommandResult.Invalid("Input.Role", "You cannot remove your own administrator role."), null, null);
                if (roles.SequenceEqual([command.Role]) && current.OrganisationId == command.OrganisationId)
                    return (CommandResult.Done, null, null);

                // Roles, organisation and a new security stamp in one transaction: the new stamp
                // ends the user's sessions on their next request; they sign in with the new role.
                await c.ExecuteAsync("""
                    UPDATE acc_users SET organisation_id = @OrganisationId, security_stamp = @Stamp, concurrency_stamp = @Concurrency
                    WHERE id = @Id
                    """, new
                {
                    command.Id, command.OrganisationId,
                    Stamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
                    Concurrency = Guid.NewGuid().ToString(),
                }, tx);
                await c.ExecuteAsync("DELETE FROM acc_user_roles WHERE user_id = @Id", new { command.Id }, tx);
                await c.ExecuteAsync("INSERT INTO acc_user_roles (user_id, role) VALUES (@Id, @Role)", new { command.Id, command.Role }, tx);

                var newCode = command.OrganisationId is { } org
                    ? await c.QuerySingleOrDefaultAsync<string>("SELECT code FROM acc_organisations WHERE id = @org", new { org }, tx)
                    : null;
                var detail = $"{(roles.Count == 0 ? "-" : string.Join(", ", roles))} → {command.Role}";
                if (current.OrganisationId != command.OrganisationId)
                    detail += $" ({current.OrganisationCode ?? "-"} → {newCode ?? "-"})";
                return (CommandResult.Done, detail, current.UserName);
            }, ct);

            if (outcome.Detail is not null)
                await audit.WriteAsync(AuditEvents.RoleChanged, command.Id, outcome.UserName, outcome.Detail, ct);
            return outcome.Result;
        }
    }
}
