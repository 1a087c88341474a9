using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Bulletins;
using Portal.Modules.Feedback.Calendar;
using Portal.Modules.Feedback.Domain;
using Portal.Web.Paging;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Bulletin;

/// <summary>The organisation's past monthly bulletins (those that had something to report), newest first,
/// with the sending rule and a link to the latest month, sent or not.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Result List { get; private set; } = new(PagedList<BulletinRecord>.Empty, "");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, PageNumber), ct) is not { } list) return Forbid();
        List = list;
        return Page();
    }

    /// <param name="LatestMonth">The latest month that has ended (yyyy-MM).</param>
    public sealed record Result(PagedList<BulletinRecord> Bulletins, string LatestMonth);

    public sealed record Query(ClaimsPrincipal User, int Page) : IRequest<Result?>;

    internal sealed class Handler(BulletinQueries queries, ServiceClock serviceClock, TimeProvider clock) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (query.User.OrganisationId() is not { } organisation) return null;
            var latest = BulletinSchedule.LatestEnded(clock.GetUtcNow(), await serviceClock.CalendarAsync(ct));
            return new Result(await queries.SentAsync(organisation, query.Page, ct), latest.ToString());
        }
    }
}
