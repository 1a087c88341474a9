using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Identity;
using Portal.Web.Localization;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>The language switch: a cookie for everyone, and the profile for signed-in users.</summary>
[AllowAnonymous]
public sealed class LanguageModel(UserManager<PortalUser> users) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        var chosen = PortalCultures.Normalize(culture);
        Remember(Response, chosen);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredLanguage != chosen)
        {
            user.PreferredLanguage = chosen;
            await users.UpdateAsync(user);
        }
        return LocalRedirect(SignInModel.SafeReturnUrl(returnUrl));
    }

    internal static void Remember(HttpResponse response, string culture)
    {
        var name = PortalCultures.Normalize(culture);
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
    }

    /// <summary>A string in the given language rather than the request's: a message shown after
    /// a redirect that switches the language must already be in the new one.</summary>
    internal static string Localize(IStringLocalizer localizer, string culture, string key, params object[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(PortalCultures.Normalize(culture));
        try
        {
            return args.Length == 0 ? localizer[key] : localizer[key, args];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
