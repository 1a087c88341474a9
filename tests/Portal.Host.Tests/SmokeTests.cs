using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

public sealed class SmokeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Home_page_is_Chinese_and_a_customer_can_sign_in(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var anonymous = app.Browser();
        var home = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("客户服务门户", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("c@acme.example", "correct horse battery", PortalRoles.Customer, org);
        var browser = await app.SignInAsync("c@acme.example", "correct horse battery");
        var signedIn = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"account-menu\"", signedIn, StringComparison.Ordinal);
    }
}
