using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>Confirms and locks an account: no sign-in until an admin unlocks it, and the new
/// security stamp ends the sessions the user already has on their next request.</summary>
public sealed class LockModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    /// <summary>"Until unlocked": far in the future, and representable on both databases.</summary>
    internal static readonly DateTimeOffset LockedUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public UserSummary Account { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new Command(User, Id), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The account has been locked."].Value;
            return RedirectToPage("Details", new { Id });
        }
        if (this.FailureResponse(result, localizer) is { } failure) return failure;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new UserSummaryQuery(Id), ct) is not { } account) return false;
        Account = account;
        return true;
    }

    public sealed record Command(ClaimsPrincipal Actor, long Id) : IRequest<CommandResult>;

    internal sealed class Handler(UserManager<PortalUser> users, Identity.AuditLog audit) : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            if (command.Actor.UserId() == command.Id) return CommandResult.Invalid("", "You cannot lock your own account.");
            if (await users.FindByIdAsync(command.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } user)
                return CommandResult.NotFound;
            user.LockoutEnabled = true;
            user.LockoutEnd = LockedUntil;
            // One UPDATE of the row: lockout and the new security stamp together.
            var saved = await users.UpdateSecurityStampAsync(user);
            if (!saved.Succeeded) return CommandResult.Invalid("", "Someone else changed this account at the same time. Please try again.");
            await audit.WriteAsync(AuditEvents.Locked, user.Id, user.UserName, ct: ct);
            return CommandResult.Done;
        }
    }
}
