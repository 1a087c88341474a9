using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Sessions;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>Where the user is signed in, with "sign out this one" and "sign out everywhere else".</summary>
[Authorize(Policy = PortalPolicies.SignedIn)]
public sealed class SessionsModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public string? ThisSession { get; private set; }

    public async Task OnGetAsync()
    {
        ThisSession = CurrentSession.Id(HttpContext);
        Sessions = await mediator.Send(new Query(User), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostEndAsync(string? session)
    {
        if (string.IsNullOrEmpty(session)) return RedirectToPage("Sessions");
        var ended = await mediator.Send(new End(User, session), HttpContext.RequestAborted);
        TempData["Message"] = ended ? localizer["That session has been signed out."].Value : localizer["That session had already ended."].Value;
        // Ending this very session signs this browser out: the next page asks to sign in.
        return session == CurrentSession.Id(HttpContext) ? LocalRedirect("/") : RedirectToPage("Sessions");
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        await mediator.Send(new EndOthers(User, CurrentSession.Id(HttpContext)), HttpContext.RequestAborted);
        TempData["Message"] = localizer["You have been signed out everywhere else."].Value;
        return RedirectToPage("Sessions");
    }

    public sealed class SessionRow
    {
        public string Id { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset LastSeenAt { get; set; }
        public string? ClientIp { get; set; }
        public string? UserAgent { get; set; }
        public bool TwoFactor { get; set; }
    }

    /// <summary>The signed-in user's live sessions, most recently seen first.</summary>
    public sealed record Query(ClaimsPrincipal User) : IRequest<IReadOnlyList<SessionRow>>;

    internal sealed class QueryHandler(IDb db, TimeProvider clock) : IRequestHandler<Query, IReadOnlyList<SessionRow>>
    {
        public async Task<IReadOnlyList<SessionRow>> Handle(Query query, CancellationToken ct)
        {
            if (query.User.UserId() is not { } userId) return [];
            await using var c = await db.OpenAsync(ct);
            return (await c.QueryAsync<SessionRow>("""
                SELECT id AS Id, created_at AS CreatedAt, last_seen_at AS LastSeenAt, client_ip AS ClientIp, user_agent AS UserAgent, two_factor AS TwoFactor
                FROM acc_sessions
                WHERE user_id = @userId AND expires_at > @now AND idle_expires_at > @now
                ORDER BY last_seen_at DESC, created_at DESC
                LIMIT 100
                """, new { userId, now = clock.GetUtcNow() })).ToList();
        }
    }

    /// <summary>Ends one of the user's own sessions; false when there was none with that id.</summary>
    public sealed record End(ClaimsPrincipal User, string Id) : IRequest<bool>;

    internal sealed class EndHandler(SessionStore sessions, AuditLog audit) : IRequestHandler<End, bool>
    {
        public async Task<bool> Handle(End command, CancellationToken ct)
        {
            if (command.User.UserId() is not { } userId) return false;
            if (!await sessions.EndAsync(userId, command.Id, ct)) return false;
            await audit.WriteAsync(AuditEvents.SessionEnded, userId, command.User.Identity?.Name, ct: ct);
            return true;
        }
    }

    /// <summary>Ends all of the user's sessions but <paramref name="KeepId"/> (this browser's).</summary>
    public sealed record EndOthers(ClaimsPrincipal User, string? KeepId) : IRequest<int>;

    internal sealed class EndOthersHandler(SessionStore sessions, AuditLog audit) : IRequestHandler<EndOthers, int>
    {
        public async Task<int> Handle(EndOthers command, CancellationToken ct)
        {
            if (command.User.UserId() is not { } userId || command.KeepId is null) return 0;
            var ended = await sessions.EndAllAsync(userId, command.KeepId, ct);
            await audit.WriteAsync(AuditEvents.SessionsEnded, userId, command.User.Identity?.Name,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"all but the current one; {ended} session(s)"), ct);
            return ended;
        }
    }
}
