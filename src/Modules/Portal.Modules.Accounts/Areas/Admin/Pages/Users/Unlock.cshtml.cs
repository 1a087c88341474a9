using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>Confirms and unlocks an account (also one locked out by failed sign-ins).</summary>
public sealed class UnlockModel(IMediator mediator, IStringLocalizer localizer) : UserConfirmationPageModel(mediator, localizer)
{
    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        ConfirmAsync(new Command(User, Id), "The account has been unlocked.", ct);

    public sealed record Command(ClaimsPrincipal Actor, long Id) : IRequest<CommandResult>;

    internal sealed class Handler(UserManager<PortalUser> users, Identity.AuditLog audit) : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            if (await users.FindByIdAsync(command.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } user)
                return CommandResult.NotFound;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            var saved = await users.UpdateSecurityStampAsync(user);
            if (!saved.Succeeded) return CommandResult.Invalid("", "Someone else changed this account at the same time. Please try again.");
            await audit.WriteAsync(AuditEvents.Unlocked, user.Id, user.UserName, ct: ct);
            return CommandResult.Done;
        }
    }
}
