using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Sessions;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>Confirms and ends every session of an account (a lost laptop, a shared computer): the
/// user is signed out everywhere at once and may sign in again. Nothing else changes.</summary>
public sealed class EndSessionsModel(IMediator mediator, IStringLocalizer localizer) : UserConfirmationPageModel(mediator, localizer)
{
    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        ConfirmAsync(new Command(User, Id), "The user's sessions have been ended.", ct);

    public sealed record Command(ClaimsPrincipal Actor, long Id) : IRequest<CommandResult>;

    internal sealed class Handler(UserManager<PortalUser> users, Identity.AuditLog audit, SessionStore sessions) : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            if (await users.FindByIdAsync(command.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } user)
                return CommandResult.NotFound;
            var ended = await sessions.EndAllAsync(user.Id, exceptId: null, ct);
            await audit.WriteAsync(AuditEvents.SessionsEnded, user.Id, user.UserName,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"by an administrator; {ended} session(s)"), ct);
            return CommandResult.Done;
        }
    }
}
