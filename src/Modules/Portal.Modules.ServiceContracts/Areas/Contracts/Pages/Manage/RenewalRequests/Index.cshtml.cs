using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Renewals;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.RenewalRequests;

/// <summary>The staff queue of customers' renewal requests: open ones first (oldest first, as a
/// queue), then handled ones (latest first); each open request can be marked handled with a note.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Result Data { get; private set; } = new([], 1, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var data = await mediator.Send(new Query(User, RenewalRequestStates.Parse(State), PageNumber), ct);
        if (data is null) return Forbid();
        Data = data;
        return Page();
    }

    public sealed record Result(IReadOnlyList<RenewalRequestRow> Items, int Page, long Total)
    {
        public int TotalPages => Total == 0 ? 1 : (int)((Total + PageSize - 1) / PageSize);
    }

    /// <summary>Null when the user is not staff (the handler checks, not only the page).</summary>
    public sealed record Query(System.Security.Claims.ClaimsPrincipal User, string? State, int Page) : IRequest<Result?>;

    internal sealed class Handler(IDb db, IMediator mediator) : IRequestHandler<Query, Result?>
    {
        private const int MaxPage = 100_000;

        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var page = Math.Clamp(query.Page, 1, MaxPage);
            var where = query.State is null ? "" : "WHERE r.state = @State";
            var args = new { query.State, Open = RenewalRequestStates.Open, Take = PageSize, Skip = (long)(page - 1) * PageSize };
            List<RenewalRequestRow> rows;
            long total;
            await using (var c = await db.OpenAsync(ct))
            {
                total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM sc_renewal_requests r {where}", args);
                rows = [.. await c.QueryAsync<RenewalRequestRow>($"""
                    SELECT {RenewalRequestRow.Columns}
                    FROM sc_renewal_requests r JOIN sc_products p ON p.id = r.product_id
                    {where}
                    ORDER BY CASE WHEN r.state = @Open THEN 0 ELSE 1 END,
                             CASE WHEN r.state = @Open THEN r.created_at END ASC,
                             r.handled_at DESC, r.id DESC
                    LIMIT @Take OFFSET @Skip
                    """, args)];
            }
            if (rows.Count > 0)
            {
                var names = (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id, o => o.Name);
                foreach (var row in rows) row.OrganisationName = names.GetValueOrDefault(row.OrganisationId, "#" + row.OrganisationId);
            }
            return new Result(rows, page, total);
        }
    }
}
