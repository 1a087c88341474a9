using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

/// <summary>Server-side sessions (issue 17 §1): the cookie names a row in acc_sessions, and the
/// session ends for good when that row goes.</summary>
public sealed class SessionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cookie_copied_before_sign_out_no_longer_opens_a_page_after_sign_out(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("wang@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        var (browser, cookie) = await SessionKit.SignInAsync(app, "wang@acme.example");

        Assert.Equal(HttpStatusCode.OK, (await SessionKit.GetWithCookieAsync(app, cookie, "/Contracts/MyService")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/Account/SignOut", [])).StatusCode);

        var after = await SessionKit.GetWithCookieAsync(app, cookie, "/Contracts/MyService");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/SignIn", after.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}
