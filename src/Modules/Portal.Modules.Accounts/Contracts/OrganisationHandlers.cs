using Dapper;
using MediatR;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Contracts;

internal sealed class OrganisationHandlers(IDb db) :
    IRequestHandler<ListOrganisations, IReadOnlyList<OrganisationInfo>>,
    IRequestHandler<GetOrganisation, OrganisationInfo?>,
    IRequestHandler<FindOrganisationByCode, OrganisationInfo?>,
    IRequestHandler<ListOrganisationContacts, IReadOnlyList<OrganisationContact>>
{
    private const string Columns = "id AS Id, code AS Code, name AS Name, account_manager_email AS AccountManagerEmail, is_active AS IsActive";

    private sealed class OrganisationRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? AccountManagerEmail { get; set; }
        public bool IsActive { get; set; }

        public OrganisationInfo ToInfo() => new(Id, Code, Name, AccountManagerEmail, IsActive);
    }

    private sealed class ContactRow
    {
        public long UserId { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Language { get; set; } = "zh-CN";
    }

    public async Task<IReadOnlyList<OrganisationInfo>> Handle(ListOrganisations request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<OrganisationRow>($"SELECT {Columns} FROM acc_organisations ORDER BY name, id");
        return [.. rows.Select(r => r.ToInfo())];
    }

    public async Task<OrganisationInfo?> Handle(GetOrganisation request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<OrganisationRow>($"SELECT {Columns} FROM acc_organisations WHERE id = @Id", request);
        return row?.ToInfo();
    }

    public async Task<OrganisationInfo?> Handle(FindOrganisationByCode request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<OrganisationRow>($"SELECT {Columns} FROM acc_organisations WHERE code = @Code", request);
        return row?.ToInfo();
    }

    public async Task<IReadOnlyList<OrganisationContact>> Handle(ListOrganisationContacts request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<ContactRow>("""
            SELECT u.id AS UserId, u.email AS Email, u.display_name AS DisplayName, u.preferred_language AS Language
            FROM acc_users u JOIN acc_user_roles r ON r.user_id = u.id AND r.role = @Role
            WHERE u.organisation_id = @OrganisationId AND u.email IS NOT NULL AND u.email_confirmed = @True
              AND (u.lockout_end IS NULL OR u.lockout_end < @AdminLock)
            ORDER BY u.id
            """, new { request.OrganisationId, Role = PortalRoles.Customer, True = true, AdminLock = AdminLock.Until });
        return [.. rows.Select(r => new OrganisationContact(r.UserId, r.Email, r.DisplayName, r.Language))];
    }
}
