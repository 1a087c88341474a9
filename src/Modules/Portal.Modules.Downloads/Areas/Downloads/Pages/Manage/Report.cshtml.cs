using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;
using Portal.Web.Formatting;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages.Manage;

/// <summary>Staff: downloads per release over the last days (from the download log), and per day
/// for all releases or one. A download is one logged response with bytes (a resumed download
/// counts once per request); days are the vendor's.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ReportModel(IMediator mediator) : PageModel
{
    public static readonly int[] Periods = [7, 30, 90];

    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    [BindProperty(SupportsGet = true)]
    public long? Release { get; set; }

    public IReadOnlyList<ReleaseTotal> Totals { get; private set; } = [];

    public IReadOnlyList<DayCount> PerDay { get; private set; } = [];

    public ReleaseRow? Selected { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Periods.Contains(Days)) Days = 30;
        var report = await mediator.Send(new Query(User, Days, Release), ct);
        if (report is null) return NotFound();
        (Totals, PerDay, Selected) = (report.Totals, report.PerDay, report.Selected);
        return Page();
    }

    public sealed record ReleaseTotal(ReleaseRow Release, int Downloads, long Bytes, int Organisations);

    /// <summary>Downloads on one day of the vendor's calendar.</summary>
    public sealed record DayCount(DateOnly Day, int Count);

    /// <param name="PerDay">Every day of the period, oldest first, for all releases or <see cref="Selected"/>.</param>
    public sealed record Report(IReadOnlyList<ReleaseTotal> Totals, IReadOnlyList<DayCount> PerDay, ReleaseRow? Selected);

    /// <summary>The last <paramref name="Days"/> days (today included); null when <paramref name="Release"/>
    /// names no release or the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User, int Days, long? Release) : IRequest<Report?>;

    internal sealed class Handler(IDb db, ReleaseQueries queries, TimeProvider clock, DisplayTime time) : IRequestHandler<Query, Report?>
    {
        public async Task<Report?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var firstDay = time.Day(clock.GetUtcNow()).AddDays(1 - query.Days);
            var midnight = firstDay.ToDateTime(TimeOnly.MinValue);
            var since = new DateTimeOffset(midnight, time.Zone.GetUtcOffset(midnight)).ToUniversalTime();
            List<LogRow> rows;
            await using (var c = await db.OpenAsync(ct))
            {
                rows = [.. await c.QueryAsync<LogRow>("""
                    SELECT release_id AS ReleaseId, organisation_id AS OrganisationId, at AS At, bytes AS Bytes
                    FROM dl_download_log WHERE at >= @since
                    """, new { since })];
            }
            var totals = new List<ReleaseTotal>();
            foreach (var group in rows.GroupBy(r => r.ReleaseId))
            {
                if (await queries.ReleaseAsync(group.Key, ct) is { } release)
                    totals.Add(new ReleaseTotal(release, group.Count(), group.Sum(r => r.Bytes), group.Select(r => r.OrganisationId).OfType<long>().Distinct().Count()));
            }
            ReleaseRow? selected = null;
            if (query.Release is { } id)
            {
                selected = await queries.ReleaseAsync(id, ct);
                if (selected is null) return null;
                rows = [.. rows.Where(r => r.ReleaseId == id)];
            }
            var counts = rows.GroupBy(r => time.Day(r.At)).ToDictionary(g => g.Key, g => g.Count());
            return new Report(
                [.. totals.OrderByDescending(t => t.Downloads).ThenBy(t => t.Release.Id)],
                [.. Enumerable.Range(0, query.Days).Select(i => firstDay.AddDays(i)).Select(d => new DayCount(d, counts.GetValueOrDefault(d)))],
                selected);
        }

        private sealed class LogRow
        {
            public long ReleaseId { get; set; }
            public long? OrganisationId { get; set; }
            public DateTimeOffset At { get; set; }
            public long Bytes { get; set; }
        }
    }
}
