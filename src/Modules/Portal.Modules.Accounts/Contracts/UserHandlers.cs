using Dapper;
using MediatR;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Contracts;

internal sealed class UserHandlers(IDb db) :
    IRequestHandler<IsOrganisationAdministrator, bool>,
    IRequestHandler<ListStaffUsers, IReadOnlyList<StaffUser>>
{
    private sealed class StaffRow
    {
        public long UserId { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Language { get; set; } = "zh-CN";
        public long Admin { get; set; }
    }

    public async Task<bool> Handle(IsOrganisationAdministrator request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(
            "SELECT id FROM acc_users WHERE id = @UserId AND organisation_id = @OrganisationId AND is_org_admin = @True",
            new { request.UserId, request.OrganisationId, True = true }) is not null;
    }

    public async Task<IReadOnlyList<StaffUser>> Handle(ListStaffUsers request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<StaffRow>("""
            SELECT u.id AS UserId, COALESCE(u.email, u.user_name) AS Email, u.display_name AS DisplayName, u.preferred_language AS Language,
                MAX(CASE WHEN r.role = @Admin THEN 1 ELSE 0 END) AS Admin
            FROM acc_users u JOIN acc_user_roles r ON r.user_id = u.id AND r.role IN (@Staff, @Admin)
            WHERE u.lockout_end IS NULL OR u.lockout_end < @AdminLock
            GROUP BY u.id, u.email, u.user_name, u.display_name, u.preferred_language
            ORDER BY u.display_name, u.id
            """, new { Staff = PortalRoles.Staff, Admin = PortalRoles.Admin, AdminLock = AdminLock.Until });
        return [.. rows.Select(r => new StaffUser(r.UserId, r.Email, string.IsNullOrWhiteSpace(r.DisplayName) ? r.Email : r.DisplayName, r.Language, r.Admin == 1))];
    }
}
