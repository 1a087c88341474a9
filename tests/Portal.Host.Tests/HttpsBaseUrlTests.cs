using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>An https public base URL turns on HSTS and Secure on every cookie; the demo's http one
/// changes nothing.</summary>
public sealed class HttpsBaseUrlTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnHttpsBaseUrlSendsHstsAndMarksEveryCookieSecure(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Portal:BaseUrl"] = "https://support.example.com" });
        var organisation = await app.CreateOrganisationAsync("ACME", "Acme Water");
        await app.CreateUserAsync("ann@acme.example", Password, PortalRoles.Customer, organisation, language: "en");
        var browser = Client(app, "https://support.example.com/");

        var form = await browser.GetAsync("/Account/SignIn");
        Assert.Equal("max-age=15552000", Assert.Single(form.Headers.GetValues("Strict-Transport-Security")));
        var signIn = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "ann@acme.example", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("portal.af=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        // Secure even on a request that reached the portal over http (a misconfigured proxy): the
        // browser keeps such cookies for https only.
        var plain = await Client(app, "http://support.example.com/").GetAsync("/Account/SignIn");
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS is for https responses only.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnHttpBaseUrlSendsNoHstsAndLeavesCookiesAsTheRequestIs(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Portal:BaseUrl"] = "http://portal.example" });
        var organisation = await app.CreateOrganisationAsync("ACME", "Acme Water");
        await app.CreateUserAsync("ann@acme.example", Password, PortalRoles.Customer, organisation, language: "en");

        var overHttps = await Client(app, "https://portal.example/").GetAsync("/Account/SignIn");
        Assert.False(overHttps.Headers.Contains("Strict-Transport-Security"));

        var browser = Client(app, "http://portal.example/");
        var form = await browser.GetAsync("/Account/SignIn");
        var signIn = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "ann@acme.example", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
    }

    private static HttpClient Client(PortalWebApp app, string baseAddress) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true });
}
