using System.Globalization;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Sla;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Compliance;

/// <summary>Staff: how the service targets were kept in a month, per severity (problems), for suggestions
/// and for complaints. A request counts in the month its first response was due, in the vendor's time
/// zone; a request no service period covered (no due time) counts in the month it was received.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public Report Shown { get; private set; } = new("", "", "", [], new ComplianceLine(ComplianceLine.Total, 0, 0, TargetCounts.Zero, TargetCounts.Zero));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, Month), ct) is not { } report) return Forbid();
        Shown = report;
        return Page();
    }

    /// <param name="Month">yyyy-MM.</param>
    public sealed record Report(string Month, string Previous, string Next, IReadOnlyList<ComplianceLine> Lines, ComplianceLine Total);

    /// <summary>The month <paramref name="Month"/> (yyyy-MM; default, or when not a month: the current one in the vendor's zone);
    /// null when the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User, string? Month) : IRequest<Report?>;

    internal sealed class Handler(IDb db, TimeProvider clock, IOptions<PortalOptions> portal) : IRequestHandler<Query, Report?>
    {
        public async Task<Report?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var zone = portal.Value.VendorTimeZone;
            var now = clock.GetUtcNow();
            var first = DateTime.TryParseExact(query.Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                && parsed.Year is >= 2000 and <= 2999
                ? parsed
                : new DateTime(TimeZoneInfo.ConvertTime(now, zone).Year, TimeZoneInfo.ConvertTime(now, zone).Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
            var from = Instant(first, zone);
            var to = Instant(first.AddMonths(1), zone);
            List<ComplianceFacts> facts;
            await using (var c = await db.OpenAsync(ct))
            {
                facts = [.. await c.QueryAsync<ComplianceFacts>($"""
                    SELECT {ComplianceFacts.Columns} FROM fb_requests r
                    WHERE (r.respond_due_at >= @from AND r.respond_due_at < @to)
                       OR (r.respond_due_at IS NULL AND r.created_at >= @from AND r.created_at < @to)
                    """, new { from, to })];
            }
            var (lines, total) = ComplianceLine.Tally(facts, now);
            return new Report(Name(first), Name(first.AddMonths(-1)), Name(first.AddMonths(1)), lines, total);
        }

        private static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone) => new(local, zone.GetUtcOffset(local));

        private static string Name(DateTime month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }
}
