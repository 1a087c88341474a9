using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Training.Sessions;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages;

/// <summary>The public training calendar: a month grid (days in the vendor time zone) or the list of
/// upcoming sessions, filtered by product, mode and audience. Anyone may see it.</summary>
[AllowAnonymous]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Product { get; set; }
    [BindProperty(SupportsGet = true)] public string? Mode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Audience { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public bool IsList => View == "list";

    public Calendar Shown { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = new SessionFilter(Product, Mode, Audience).Clean();
        Product = filter.Product;
        Mode = filter.Mode;
        Audience = filter.Audience;
        Shown = await mediator.Send(new Query(IsList, ParseMonth(Month), filter, Math.Clamp(PageNumber ?? 1, 1, PagedList<SessionRow>.MaxPage)), ct);
    }

    /// <summary>"2026-12" → the first of that month; anything else → null (the current month).</summary>
    public static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2999 ? d : null;

    public static string MonthKey(DateOnly first) => first.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public sealed record Calendar(DateOnly First, IReadOnlyList<IReadOnlyList<Day>> Weeks, PagedList<SessionRow> Upcoming, IReadOnlyList<ProductInfo> Products, IReadOnlyDictionary<long, int> Taken);

    public sealed record Day(DateOnly Date, bool InMonth, IReadOnlyList<SessionRow> Sessions);

    public sealed record Query(bool List, DateOnly? Month, SessionFilter Filter, int Page) : IRequest<Calendar>;

    internal sealed class Handler(IMediator mediator, SessionStore store, ISessionSeats seats, IOptions<PortalOptions> portal, TimeProvider clock) : IRequestHandler<Query, Calendar>
    {
        public async Task<Calendar> Handle(Query query, CancellationToken ct)
        {
            var zone = portal.Value.VendorTimeZone;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            var first = query.Month ?? new DateOnly(today.Year, today.Month, 1);
            var products = await mediator.Send(new ListProducts(), ct);
            if (query.List)
            {
                var size = PagedList<SessionRow>.DefaultPageSize;
                var (rows, total) = await store.UpcomingAsync(query.Filter, query.Page, size, ct);
                var taken = await seats.TakenAsync([.. rows.Select(r => r.Id)], ct);
                return new Calendar(first, [], new PagedList<SessionRow>(rows, query.Page, size, total), products, taken);
            }
            // Weeks run Monday to Sunday, as on Chinese calendars.
            var start = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
            var next = first.AddMonths(1);
            var end = next.AddDays((7 - ((int)next.DayOfWeek + 6) % 7) % 7);
            var sessions = await store.BetweenAsync(At(start, zone), At(end, zone), query.Filter, ct);
            var byDay = sessions.ToLookup(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.StartsAt, zone).DateTime));
            var weeks = new List<IReadOnlyList<Day>>();
            for (var d = start; d < end; d = d.AddDays(7))
                weeks.Add([.. Enumerable.Range(0, 7).Select(i => d.AddDays(i)).Select(x => new Day(x, x.Month == first.Month, [.. byDay[x]]))]);
            var seatsTaken = await seats.TakenAsync([.. sessions.Select(s => s.Id)], ct);
            return new Calendar(first, weeks, PagedList<SessionRow>.Empty, products, seatsTaken);
        }

        private static DateTimeOffset At(DateOnly day, TimeZoneInfo zone) => SessionRules.Instant(day.ToDateTime(TimeOnly.MinValue), zone);
    }
}
