using System.Text;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Web.Paging;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "org")]
    public long? OrganisationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<Row> Result { get; private set; } = new([], 1, PagedList<Row>.DefaultPageSize, 0);

    public IReadOnlyList<OrganisationOption> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organisations = await mediator.Send(new OrganisationOptionsQuery(ActiveOnly: false), ct);
        Result = await mediator.Send(new Query(Search, OrganisationId, Role, PageNumber), ct);
    }

    public sealed record Query(string? Search, long? OrganisationId, string? Role, int Page) : IRequest<PagedList<Row>>;

    public sealed class Row
    {
        public long Id { get; set; }
        public string? Email { get; set; }
        public string DisplayName { get; set; } = "";
        public long? OrganisationId { get; set; }
        public string? OrganisationName { get; set; }
        public bool OrganisationActive { get; set; }
        public bool TwoFactorEnabled { get; set; }
        public DateTimeOffset? LockoutEnd { get; set; }
        public bool IsLocked { get; set; }
        public IReadOnlyList<string> Roles { get; set; } = [];
        public DateTimeOffset? LastSignIn { get; set; }
    }

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Query, PagedList<Row>>
    {
        private sealed record RoleRow(long UserId, string Role);

        public async Task<PagedList<Row>> Handle(Query query, CancellationToken ct)
        {
            var where = new StringBuilder("WHERE 1 = 1");
            var args = new DynamicParameters();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                where.Append(" AND (lower(u.email) LIKE @Pattern" + SqlLike.Escape + " OR lower(u.display_name) LIKE @Pattern" + SqlLike.Escape + ")");
                args.Add("Pattern", SqlLike.Contains(query.Search));
            }
            if (query.OrganisationId is { } org)
            {
                where.Append(" AND u.organisation_id = @Org");
                args.Add("Org", org);
            }
            if (PortalRoles.All.Contains(query.Role ?? ""))
            {
                where.Append(" AND EXISTS (SELECT 1 FROM acc_user_roles r WHERE r.user_id = u.id AND r.role = @Role)");
                args.Add("Role", query.Role);
            }
            var page = PagedList<Row>.Normalize(query.Page);
            args.Add("Take", PagedList<Row>.DefaultPageSize);
            args.Add("Skip", PagedList<Row>.Offset(page, PagedList<Row>.DefaultPageSize));
            args.Add("True", true);
            args.Add("SignIn", AuditEvents.SignIn);
            var pageOfUsers = $"SELECT u.id FROM acc_users u {where} ORDER BY u.normalized_email, u.id LIMIT @Take OFFSET @Skip";

            await using var c = await db.OpenAsync(ct);
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM acc_users u {where}", args);
            // The last sign-in is an index lookup per row (ix_acc_audit_user).
            var rows = (await c.QueryAsync<Row>($"""
                SELECT u.id AS Id, u.email AS Email, u.display_name AS DisplayName, u.organisation_id AS OrganisationId,
                       o.name AS OrganisationName, COALESCE(o.is_active, @True) AS OrganisationActive,
                       u.two_factor_enabled AS TwoFactorEnabled, u.lockout_end AS LockoutEnd,
                       (SELECT MAX(l.at) FROM acc_audit_log l WHERE l.user_id = u.id AND l.event = @SignIn) AS LastSignIn
                FROM acc_users u LEFT JOIN acc_organisations o ON o.id = u.organisation_id
                {where}
                ORDER BY u.normalized_email, u.id
                LIMIT @Take OFFSET @Skip
                """, args)).ToList();
            if (rows.Count > 0)
            {
                // The same page of users as a subquery: no id list, which the two databases would bind differently.
                var roles = (await c.QueryAsync<RoleRow>(
                        $"SELECT user_id AS UserId, role AS Role FROM acc_user_roles WHERE user_id IN ({pageOfUsers}) ORDER BY role", args))
                    .ToLookup(r => r.UserId, r => r.Role);
                var now = clock.GetUtcNow();
                foreach (var row in rows)
                {
                    row.Roles = roles[row.Id].ToList();
                    row.IsLocked = row.LockoutEnd > now;
                }
            }
            return new PagedList<Row>(rows, page, PagedList<Row>.DefaultPageSize, total);
        }
    }
}
