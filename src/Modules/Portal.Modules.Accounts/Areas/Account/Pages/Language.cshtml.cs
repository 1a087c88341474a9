using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Identity;
using Portal.Web.Navigation;
using Portal.Web.Localization;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>The language switch: a cookie for everyone, and the profile for signed-in users.</summary>
[AllowAnonymous]
public sealed class LanguageModel(IMediator mediator) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        var chosen = PortalCultures.Normalize(culture);
        CultureCookie.Remember(Response, chosen);
        if (User.Identity?.IsAuthenticated == true) await mediator.Send(new Command(User, chosen));
        return LocalRedirect(SafeReturnUrl.From(Url, returnUrl));
    }

    /// <summary>Makes <see cref="Culture"/> the signed-in user's preferred language (for emails and
    /// the next sign-in); false when there is no such user.</summary>
    public sealed record Command(ClaimsPrincipal User, string Culture) : IRequest<bool>;

    internal sealed class Handler(UserManager<PortalUser> users) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command command, CancellationToken ct)
        {
            if (await users.GetUserAsync(command.User) is not { } user) return false;
            if (user.PreferredLanguage != command.Culture)
            {
                user.PreferredLanguage = command.Culture;
                await users.UpdateAsync(user);
            }
            return true;
        }
    }
}
