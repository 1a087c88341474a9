using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>A module's bare URL leads to its main page (or sign-in), never a 404 (issue 13, item 8).</summary>
public sealed class AreaHomeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bare_module_url_leads_to_the_page_its_visitor_may_open(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var anonymous = app.Browser();
        await app.CreateUserAsync("staff@portal.example", "Area-home-test-1", PortalRoles.Staff);
        var staff = await app.SignInAsync("staff@portal.example", "Area-home-test-1");

        Assert.Equal("/Contracts/MyService", await RedirectAsync(anonymous, "/Contracts"));
        Assert.Equal("/Contracts/Manage/ServiceContracts", await RedirectAsync(staff, "/Contracts"));
        Assert.Equal("/Surveys/Manage/Templates", await RedirectAsync(anonymous, "/Surveys/Manage"));
        Assert.Equal("/Admin/Organisations", await RedirectAsync(anonymous, "/admin"));
        Assert.Equal("/Account/Profile", await RedirectAsync(anonymous, "/Account"));

        // Followed, an anonymous visitor is asked to sign in.
        var myService = await anonymous.GetAsync("/Contracts/MyService");
        Assert.Equal(HttpStatusCode.Redirect, myService.StatusCode);
        Assert.Equal("/Account/SignIn", myService.Headers.Location!.AbsolutePath);

        // The module's own page at its bare URL still answers; unknown names stay 404.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Knowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Nothing/Manage")).StatusCode);
    }

    private static async Task<string> RedirectAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }
}
