using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Calendar;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Holidays;

/// <summary>Staff: the holiday calendar the SLA clock counts with, by year (public holidays and
/// make-up working days). Admins add, edit, delete and import days.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public Calendar Shown { get; private set; } = new(0, [], [], false);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, Year), ct) is not { } calendar) return Forbid();
        Shown = calendar;
        return Page();
    }

    /// <param name="Years">Years with days, plus the current and the next year.</param>
    /// <param name="CanEdit">The user is an admin.</param>
    public sealed record Calendar(int Year, IReadOnlyList<int> Years, IReadOnlyList<HolidayRow> Days, bool CanEdit);

    /// <summary>The days of <paramref name="Year"/> (default: the current year in the vendor's zone); null when the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User, int? Year) : IRequest<Calendar?>;

    internal sealed class Handler(HolidayStore store, TimeProvider clock, IOptions<PortalOptions> portal) : IRequestHandler<Query, Calendar?>
    {
        public async Task<Calendar?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), portal.Value.VendorTimeZone).Year;
            var year = query.Year is >= 2000 and <= 2999 ? query.Year.Value : today;
            var years = (await store.YearsAsync(ct)).Concat([today, today + 1, year]).Distinct().Order().ToList();
            return new Calendar(year, years, await store.YearAsync(year, ct), query.User.IsInRole(PortalRoles.Admin));
        }
    }
}
