using Dapper;
using MediatR;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>One account as the admin pages show it.</summary>
public sealed class UserSummary
{
    public long Id { get; set; }
    public string UserName { get; set; } = "";
    public string? Email { get; set; }
    public string DisplayName { get; set; } = "";
    public string PreferredLanguage { get; set; } = "";
    public long? OrganisationId { get; set; }
    public string? OrganisationCode { get; set; }
    public string? OrganisationName { get; set; }
    public bool OrganisationActive { get; set; }
    public bool TwoFactorEnabled { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignIn { get; set; }
    public IReadOnlyList<string> Roles { get; set; } = [];
    public bool IsLocked { get; set; }

    /// <summary>The one role the portal gives a user (the first, should data ever hold several).</summary>
    public string? Role => Roles.Count > 0 ? Roles[0] : null;
}

public sealed record UserSummaryQuery(long Id) : IRequest<UserSummary?>;

internal sealed class UserSummaryHandler(IDb db, TimeProvider clock) : IRequestHandler<UserSummaryQuery, UserSummary?>
{
    public async Task<UserSummary?> Handle(UserSummaryQuery query, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var user = await c.QuerySingleOrDefaultAsync<UserSummary>("""
            SELECT u.id AS Id, u.user_name AS UserName, u.email AS Email, u.display_name AS DisplayName,
                   u.preferred_language AS PreferredLanguage, u.organisation_id AS OrganisationId,
                   o.code AS OrganisationCode, o.name AS OrganisationName, COALESCE(o.is_active, @True) AS OrganisationActive,
                   u.two_factor_enabled AS TwoFactorEnabled, u.lockout_end AS LockoutEnd,
                   u.access_failed_count AS AccessFailedCount, u.created_at AS CreatedAt
            FROM acc_users u LEFT JOIN acc_organisations o ON o.id = u.organisation_id
            WHERE u.id = @Id
            """, new { query.Id, True = true });
        if (user is null) return null;
        user.Roles = (await c.QueryAsync<string>("SELECT role FROM acc_user_roles WHERE user_id = @Id ORDER BY role", new { query.Id })).ToList();
        // No row rather than MAX(at)'s NULL for a user who never signed in: Dapper hands a NULL
        // scalar to the instant type handler, which cannot read it (a 500 on PostgreSQL).
        user.LastSignIn = await c.QueryFirstOrDefaultAsync<DateTimeOffset?>(
            "SELECT at FROM acc_audit_log WHERE user_id = @Id AND event = @SignIn ORDER BY at DESC LIMIT 1",
            new { query.Id, SignIn = Identity.AuditEvents.SignIn });
        user.IsLocked = user.LockoutEnd > clock.GetUtcNow();
        return user;
    }
}

public sealed record OrganisationOption(long Id, string Code, string Name, bool IsActive);

/// <summary>Organisations for a select list, ordered by name: the active ones, plus
/// <see cref="AlsoId"/> even when deactivated (a user's current organisation).</summary>
public sealed record OrganisationOptionsQuery(bool ActiveOnly, long? AlsoId = null) : IRequest<IReadOnlyList<OrganisationOption>>;

internal sealed class OrganisationOptionsHandler(IDb db) : IRequestHandler<OrganisationOptionsQuery, IReadOnlyList<OrganisationOption>>
{
    private sealed class Row
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public bool IsActive { get; set; }
    }

    public async Task<IReadOnlyList<OrganisationOption>> Handle(OrganisationOptionsQuery query, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var filter = query.ActiveOnly ? "WHERE is_active = @True OR id = @AlsoId" : "";
        var rows = await c.QueryAsync<Row>(
            $"SELECT id AS Id, code AS Code, name AS Name, is_active AS IsActive FROM acc_organisations {filter} ORDER BY name, id",
            new { True = true, AlsoId = query.AlsoId ?? 0 });
        return rows.Select(r => new OrganisationOption(r.Id, r.Code, r.Name, r.IsActive)).ToList();
    }
}
