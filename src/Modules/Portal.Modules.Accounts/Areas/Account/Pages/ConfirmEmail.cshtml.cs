using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Identity;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>The link from the confirmation email. Confirming is harmless to repeat, so the GET
/// does it (mail scanners that open links cannot do damage).</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(IMediator mediator) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code) =>
        Confirmed = await mediator.Send(new Command(userId, code));

    /// <summary>The user id and the Base64Url code of the link, as they came; true when confirmed.</summary>
    public sealed record Command(string? UserId, string? Code) : IRequest<bool>;

    internal sealed class Handler(UserManager<PortalUser> users) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command command, CancellationToken ct)
        {
            var user = string.IsNullOrEmpty(command.UserId) ? null : await users.FindByIdAsync(command.UserId);
            var token = AccountEmails.DecodeToken(command.Code);
            if (user is null || token is null) return false;
            return (await users.ConfirmEmailAsync(user, token)).Succeeded;
        }
    }
}
