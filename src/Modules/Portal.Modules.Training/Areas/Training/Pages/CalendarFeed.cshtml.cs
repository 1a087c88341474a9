using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Calendars;

namespace Portal.Modules.Training.Areas.Training.Pages;

/// <summary>The contact's personal calendar feed: what it is, its URL, and (after this page's
/// warning) a new URL that replaces the old one.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class CalendarFeedModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => FeedUrl = await mediator.Send(new FeedAddress.Query(User), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await mediator.Send(new FeedAddress.Regenerate(User), ct) is null) return NotFound();
        TempData["Notice"] = localizer["Your calendar address is ready. Any earlier address no longer works."].Value;
        return RedirectToPage("/Mine");
    }
}
