using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

/// <summary>Sign-in cookies as strings, so a test can replay one the way a thief with a copy would.</summary>
internal static class SessionKit
{
    public const string CookieName = "portal.auth";

    /// <summary>Signs in through the form in a fresh browser; returns it and its sign-in cookie's "name=value".</summary>
    public static async Task<(HttpClient Browser, string Cookie)> SignInAsync(PortalWebApp app, string email, string? authenticatorKey = null, string? userAgent = null)
    {
        authenticatorKey ??= app.AuthenticatorKeyOf(email);
        var browser = app.Browser();
        if (userAgent is not null) browser.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var response = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = AccountTestKit.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (authenticatorKey is not null)
        {
            var location = response.Headers.Location!.OriginalString;
            response = await browser.PostFormAsync(location, new() { ["Input.Code"] = Totp.Code(authenticatorKey, DateTimeOffset.UtcNow) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var cookie = response.Headers.GetValues("Set-Cookie").Last(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        return (browser, cookie.Split(';')[0]);
    }

    /// <summary>A client that sends <paramref name="cookie"/> with every request and keeps no cookies of its own.</summary>
    public static HttpClient BrowserWith(PortalWebApp app, string cookie, string? userAgent = null)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        if (userAgent is not null) client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    public static async Task<HttpResponseMessage> GetWithCookieAsync(PortalWebApp app, string cookie, string url)
    {
        using var client = BrowserWith(app, cookie);
        return await client.GetAsync(url);
    }

    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
