using Dapper;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>A customer belongs to exactly one active organisation; staff and administrators to none.</summary>
internal static class RoleRules
{
    public static async Task<CommandResult?> CheckAsync(IDb db, string role, long? organisationId, string prefix, CancellationToken ct)
    {
        if (!PortalRoles.All.Contains(role)) return CommandResult.Invalid($"{prefix}.Role", "Choose a role.");
        if (role != PortalRoles.Customer)
        {
            return organisationId is null ? null : CommandResult.Invalid($"{prefix}.OrganisationId",
                "Staff members and administrators do not belong to an organisation. Leave the organisation empty.");
        }
        if (organisationId is not { } id)
            return CommandResult.Invalid($"{prefix}.OrganisationId", "Choose the customer's organisation.");
        await using var c = await db.OpenAsync(ct);
        var active = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM acc_organisations WHERE id = @id AND is_active = @True", new { id, True = true });
        return active == 1 ? null : CommandResult.Invalid($"{prefix}.OrganisationId", "Choose an active organisation.");
    }

    public static async Task<string?> OrganisationCodeAsync(IDb db, long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<string>("SELECT code FROM acc_organisations WHERE id = @id", new { id });
    }
}
