using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Portal.Web.Localization;

/// <summary>The language switch is a cookie (the only request culture provider, see
/// WebServiceCollectionExtensions): set when someone chooses a language, signs in, registers or
/// saves their profile, so the next page is in their language.</summary>
public static class CultureCookie
{
    /// <summary>Sets the cookie to <paramref name="culture"/> (normalized to a supported culture).</summary>
    public static void Remember(HttpResponse response, string? culture)
    {
        var name = PortalCultures.Normalize(culture);
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
    }
}
