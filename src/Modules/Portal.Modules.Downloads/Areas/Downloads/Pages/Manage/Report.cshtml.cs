using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages.Manage;

/// <summary>Staff: downloads per release over the last days (from the download log), and per day
/// for all releases or one. A download is one logged response with bytes (a resumed download
/// counts once per request); days are the vendor's.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ReportModel(IDb db, ReleaseQueries queries, TimeProvider clock, IOptions<PortalOptions> options) : PageModel
{
    public static readonly int[] Periods = [7, 30, 90];

    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    [BindProperty(SupportsGet = true)]
    public long? Release { get; set; }

    public IReadOnlyList<ReleaseTotal> Totals { get; private set; } = [];

    public IReadOnlyList<(string Day, int Count)> PerDay { get; private set; } = [];

    public ReleaseRow? Selected { get; private set; }

    public sealed record ReleaseTotal(ReleaseRow Release, int Downloads, long Bytes, int Organisations);

    private sealed class LogRow
    {
        public long ReleaseId { get; set; }
        public long? OrganisationId { get; set; }
        public DateTimeOffset At { get; set; }
        public long Bytes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Periods.Contains(Days)) Days = 30;
        var zone = options.Value.VendorTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var firstDay = today.AddDays(1 - Days);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(firstDay.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
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
        Totals = [.. totals.OrderByDescending(t => t.Downloads).ThenBy(t => t.Release.Id)];
        if (Release is { } id)
        {
            Selected = await queries.ReleaseAsync(id, ct);
            if (Selected is null) return NotFound();
            rows = [.. rows.Where(r => r.ReleaseId == id)];
        }
        var counts = rows.GroupBy(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.At, zone).DateTime)).ToDictionary(g => g.Key, g => g.Count());
        PerDay = [.. Enumerable.Range(0, Days).Select(i => firstDay.AddDays(i))
            .Select(d => (d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), counts.GetValueOrDefault(d)))];
        return Page();
    }
}
