using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Training.Calendars;

namespace Portal.Modules.Training.Areas.Training.Pages;

/// <summary>A user's personal iCal feed, for calendar apps that subscribe without a cookie: the secret
/// token in the URL is the only credential. A malformed, forged or replaced token gives 404.</summary>
[AllowAnonymous]
public sealed class FeedModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await mediator.Send(new Query(token), ct) is not { } ics) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        return Content(ics, "text/calendar; charset=utf-8");
    }

    public sealed record Query(string Token) : IRequest<string?>;

    internal sealed class Handler(FeedTokens tokens, PersonalFeed feed) : IRequestHandler<Query, string?>
    {
        public async Task<string?> Handle(Query query, CancellationToken ct) =>
            await tokens.UserOfAsync(query.Token, ct) is { } user ? await feed.ForUserAsync(user, ct) : null;
    }
}
