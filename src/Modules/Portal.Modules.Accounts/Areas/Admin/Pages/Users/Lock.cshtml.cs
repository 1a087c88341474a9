using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>Confirms and locks an account: no sign-in until an admin unlocks it, and the new
/// security stamp ends the sessions the user already has on their next request.</summary>
public sealed class LockModel(IMediator mediator, IStringLocalizer localizer) : UserConfirmationPageModel(mediator, localizer)
{
    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        ConfirmAsync(new Command(User, Id), "The account has been locked.", ct);

    public sealed record Command(ClaimsPrincipal Actor, long Id) : IRequest<CommandResult>;

    internal sealed class Handler(UserManager<PortalUser> users, Identity.AuditLog audit, Sessions.SessionStore sessions) : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            if (command.Actor.UserId() == command.Id) return CommandResult.Invalid("", "You cannot lock your own account.");
            if (await users.FindByIdAsync(command.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } user)
                return CommandResult.NotFound;
            user.LockoutEnabled = true;
            user.LockoutEnd = AdminLock.Until;
            // One UPDATE of the row: lockout and the new security stamp together.
            var saved = await users.UpdateSecurityStampAsync(user);
            if (!saved.Succeeded) return CommandResult.Invalid("", "Someone else changed this account at the same time. Please try again.");
            await sessions.EndAllAsync(user.Id, exceptId: null, ct);
            await audit.WriteAsync(AuditEvents.Locked, user.Id, user.UserName, ct: ct);
            return CommandResult.Done;
        }
    }
}
