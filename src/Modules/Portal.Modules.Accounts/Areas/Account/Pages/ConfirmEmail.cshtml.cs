using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Identity;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>The link from the confirmation email. Confirming is harmless to repeat, so the GET
/// does it (mail scanners that open links cannot do damage).</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<PortalUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        var token = AccountEmails.DecodeToken(code);
        if (user is null || token is null) return;
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
