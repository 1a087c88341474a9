using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Portal.Web.Localization;

/// <summary>A string in a given language rather than the request's: a message shown after a
/// redirect that switches the language (sign-in, profile) must already be in the new one.</summary>
public static class CultureText
{
    public static string Localize(IStringLocalizer localizer, string culture, string key, params object[] args)
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
