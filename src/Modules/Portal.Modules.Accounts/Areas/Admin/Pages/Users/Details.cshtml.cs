using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public const int RecentEvents = 20;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public UserSummary Account { get; private set; } = new();

    public IReadOnlyList<AuditEntry> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new UserSummaryQuery(Id), ct) is not { } account) return NotFound();
        Account = account;
        Events = await mediator.Send(new EventsQuery(Id), ct);
        return Page();
    }

    public sealed record EventsQuery(long UserId) : IRequest<IReadOnlyList<AuditEntry>>;

    internal sealed class EventsHandler(IDb db) : IRequestHandler<EventsQuery, IReadOnlyList<AuditEntry>>
    {
        public async Task<IReadOnlyList<AuditEntry>> Handle(EventsQuery query, CancellationToken ct)
        {
            await using var c = await db.OpenAsync(ct);
            return (await c.QueryAsync<AuditEntry>($"""
                SELECT {AuditEntry.Columns}
                FROM acc_audit_log l LEFT JOIN acc_users a ON a.id = l.actor_id
                WHERE l.user_id = @UserId
                ORDER BY l.at DESC, l.id DESC
                LIMIT {RecentEvents}
                """, new { query.UserId })).ToList();
        }
    }
}
