using System.Globalization;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>What customers search for: top queries with click-through, queries that found nothing,
/// and searches per day (a Chart.js chart fed through data- attributes).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class InsightsModel(IMediator mediator) : PageModel
{
    public static readonly IReadOnlyList<int> PeriodChoices = [7, 30, 90];

    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    public Report Data { get; private set; } = new([], [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!PeriodChoices.Contains(Days)) Days = 30;
        Data = await mediator.Send(new Query(User, Days), ct);
    }

    public sealed record TopQuery(string Query, int Searches, int ZeroResults, int Clicks)
    {
        public double ClickThrough => Searches == 0 ? 0 : Math.Min(1, (double)Clicks / Searches);
    }

    public sealed record DayCount(string Day, int Searches, int ZeroResults, int Clicks);

    public sealed record Report(IReadOnlyList<TopQuery> Top, IReadOnlyList<TopQuery> ZeroResults, IReadOnlyList<DayCount> PerDay);

    public sealed record Query(System.Security.Claims.ClaimsPrincipal User, int Days) : IRequest<Report>;

    internal sealed class Counted
    {
        public string Key { get; set; } = "";

        public long Searches { get; set; }

        public long Zero { get; set; }
    }

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Query, Report>
    {
        public async Task<Report> Handle(Query query, CancellationToken ct)
        {
            StaffOnly.Require(query.User);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var since = today.AddDays(1 - query.Days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await using var c = await db.OpenAsync(ct);
            var args = new { Since = since };
            var top = await c.QueryAsync<Counted>(new CommandDefinition("""
                SELECT query AS Key, COUNT(*) AS Searches, SUM(CASE WHEN results = 0 THEN 1 ELSE 0 END) AS Zero
                FROM kb_search_queries WHERE searched_on >= @Since GROUP BY query ORDER BY COUNT(*) DESC, query LIMIT 20
                """, args, cancellationToken: ct));
            var zero = await c.QueryAsync<Counted>(new CommandDefinition("""
                SELECT query AS Key, COUNT(*) AS Searches, COUNT(*) AS Zero
                FROM kb_search_queries WHERE searched_on >= @Since AND results = 0 GROUP BY query ORDER BY COUNT(*) DESC, query LIMIT 20
                """, args, cancellationToken: ct));
            var clicks = (await c.QueryAsync<Counted>(new CommandDefinition("""
                SELECT query AS Key, COUNT(*) AS Searches, 0 AS Zero FROM kb_search_clicks WHERE clicked_on >= @Since GROUP BY query
                """, args, cancellationToken: ct))).ToDictionary(r => r.Key, r => (int)r.Searches, StringComparer.Ordinal);
            var days = (await c.QueryAsync<Counted>(new CommandDefinition("""
                SELECT searched_on AS Key, COUNT(*) AS Searches, SUM(CASE WHEN results = 0 THEN 1 ELSE 0 END) AS Zero
                FROM kb_search_queries WHERE searched_on >= @Since GROUP BY searched_on
                """, args, cancellationToken: ct))).ToDictionary(r => r.Key, StringComparer.Ordinal);
            var clicksPerDay = (await c.QueryAsync<Counted>(new CommandDefinition("""
                SELECT clicked_on AS Key, COUNT(*) AS Searches, 0 AS Zero FROM kb_search_clicks WHERE clicked_on >= @Since GROUP BY clicked_on
                """, args, cancellationToken: ct))).ToDictionary(r => r.Key, r => (int)r.Searches, StringComparer.Ordinal);

            var perDay = Enumerable.Range(0, query.Days)
                .Select(i => today.AddDays(i + 1 - query.Days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Select(d => new DayCount(d, days.TryGetValue(d, out var n) ? (int)n.Searches : 0, days.TryGetValue(d, out var z) ? (int)z.Zero : 0,
                    clicksPerDay.GetValueOrDefault(d)))
                .ToList();
            TopQuery ToTop(Counted r) => new(r.Key, (int)r.Searches, (int)r.Zero, clicks.GetValueOrDefault(r.Key));
            return new Report(top.Select(ToTop).ToList(), zero.Select(ToTop).ToList(), perDay);
        }
    }
}
