using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

[AllowAnonymous]
public sealed class SignOutModel(IMediator mediator, SignInManager<PortalUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await mediator.Send(new RecordSecurityEvent(AuditEvents.SignOut, User.UserId(), User.Identity.Name));
            await signIn.SignOutAsync();
        }
        return LocalRedirect("/");
    }
}
