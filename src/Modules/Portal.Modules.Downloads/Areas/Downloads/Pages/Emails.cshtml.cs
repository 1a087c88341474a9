using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>A customer turns the new-release emails off or on again, for themselves only.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class EmailsModel(IMediator mediator) : PageModel
{
    public bool Subscribed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } subscribed) return Forbid();
        Subscribed = subscribed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool subscribe, CancellationToken ct) =>
        await mediator.Send(new Subscribe(User, subscribe), ct) ? RedirectToPage() : Forbid();

    /// <summary>Whether the signed-in user gets the emails; null when nobody is signed in.</summary>
    public sealed record Query(ClaimsPrincipal User) : IRequest<bool?>;

    /// <summary>Turns the signed-in user's emails on or off; false when nobody is signed in.</summary>
    public sealed record Subscribe(ClaimsPrincipal User, bool On) : IRequest<bool>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Query, bool?>, IRequestHandler<Subscribe, bool>
    {
        public async Task<bool?> Handle(Query query, CancellationToken ct)
        {
            if (query.User.UserId() is not { } user) return null;
            await using var c = await db.OpenAsync(ct);
            return await c.ExecuteScalarAsync<long?>("SELECT user_id FROM dl_email_optouts WHERE user_id = @user", new { user }) is null;
        }

        public async Task<bool> Handle(Subscribe command, CancellationToken ct)
        {
            if (command.User.UserId() is not { } user) return false;
            await db.WriteAsync((c, tx) => command.On
                ? c.ExecuteAsync("DELETE FROM dl_email_optouts WHERE user_id = @user", new { user }, tx)
                : c.ExecuteAsync("INSERT INTO dl_email_optouts (user_id, created_at) VALUES (@user, @Now) ON CONFLICT DO NOTHING", new { user, Now = clock.GetUtcNow() }, tx), ct);
            return true;
        }
    }
}
