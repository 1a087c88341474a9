using System.Text;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Web.Paging;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.AuditLog;

/// <summary>The security log, newest first. Dates are days in the vendor's time zone.</summary>
public sealed class IndexModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "event")]
    public string? Event { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserText { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<AuditEntry> Result { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (From is { } from && To is { } to && to < from)
            ModelState.AddModelError(nameof(To), localizer["The end date is before the start date."]);
        Result = await mediator.Send(new Query(Event, UserText, From, To, PageNumber), ct);
    }

    public sealed record Query(string? Event, string? User, DateOnly? From, DateOnly? To, int Page) : IRequest<PagedList<AuditEntry>>;

    internal sealed class Handler(IDb db, IOptions<PortalOptions> portal) : IRequestHandler<Query, PagedList<AuditEntry>>
    {
        public async Task<PagedList<AuditEntry>> Handle(Query query, CancellationToken ct)
        {
            var where = new StringBuilder("WHERE 1 = 1");
            var args = new DynamicParameters();
            if (query.Event is { } evt && AuditEvents.All.Contains(evt))
            {
                where.Append(" AND l.event = @Event");
                args.Add("Event", evt);
            }
            if (!string.IsNullOrWhiteSpace(query.User))
            {
                where.Append(" AND lower(l.user_name) LIKE @Pattern" + SqlLike.Escape);
                args.Add("Pattern", SqlLike.Contains(query.User));
            }
            var zone = portal.Value.VendorTimeZone;
            if (query.From is { } from)
            {
                where.Append(" AND l.at >= @FromAt");
                args.Add("FromAt", StartOfDay(from, zone));
            }
            if (query.To is { } to && to < DateOnly.MaxValue)
            {
                where.Append(" AND l.at < @ToAt");
                args.Add("ToAt", StartOfDay(to.AddDays(1), zone));
            }
            var page = PagedList<AuditEntry>.Normalize(query.Page);
            args.Add("Take", PageSize);
            args.Add("Skip", PagedList<AuditEntry>.Offset(page, PageSize));

            await using var c = await db.OpenAsync(ct);
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM acc_audit_log l {where}", args);
            var rows = await c.QueryAsync<AuditEntry>($"""
                SELECT {AuditEntry.Columns}
                FROM acc_audit_log l LEFT JOIN acc_users a ON a.id = l.actor_id
                {where}
                ORDER BY l.at DESC, l.id DESC
                LIMIT @Take OFFSET @Skip
                """, args);
            return new PagedList<AuditEntry>(rows.ToList(), page, PageSize, total);
        }

        /// <summary>Midnight of <paramref name="day"/> in the vendor's zone, as an instant.</summary>
        internal static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
        {
            var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            // A midnight skipped by a daylight-saving change starts the day an hour later.
            while (zone.IsInvalidTime(local)) local = local.AddHours(1);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }
    }
}
