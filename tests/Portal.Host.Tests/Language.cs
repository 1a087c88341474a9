using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>The language switch, used the way the layout's button does.</summary>
internal static class Language
{
    public const string CookieName = ".AspNetCore.Culture";

    public static async Task<HttpResponseMessage> SwitchAsync(HttpClient browser, string culture, string returnUrl = "/")
    {
        var response = await browser.PostFormAsync("/Account/Language", new() { ["culture"] = culture, ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }
}
