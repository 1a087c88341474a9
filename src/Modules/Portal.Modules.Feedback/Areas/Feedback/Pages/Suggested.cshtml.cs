using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Deflection;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages;

/// <summary>A suggested article's link on the new-request form: records "article opened" for the
/// caller's own deflection session (another user's session id changes nothing), then redirects.
/// Only to the local address of a knowledge article: anything else is 404, never a redirect.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class SuggestedModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid session, int n, string? to, CancellationToken ct)
    {
        if (!SuggestArticles.IsArticleUrl(to) || n is < 1 or > SuggestArticles.MaxResults) return NotFound();
        await mediator.Send(new Opened(User, session, n), ct);
        Response.Headers.CacheControl = "no-store";
        return LocalRedirect(to!);
    }

    /// <param name="Position">1 for the first suggestion.</param>
    public sealed record Opened(ClaimsPrincipal User, Guid Session, int Position) : IRequest<Unit>;

    internal sealed class Handler(DeflectionSessions sessions) : IRequestHandler<Opened, Unit>
    {
        public async Task<Unit> Handle(Opened command, CancellationToken ct)
        {
            await sessions.OpenedAsync(command.User, command.Session, command.Position, ct);
            return Unit.Value;
        }
    }
}
