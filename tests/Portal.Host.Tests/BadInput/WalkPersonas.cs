using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests.BadInput;

/// <summary>The four roles the walk signs in, on top of the demo data: a customer, staff and an
/// admin, the last two with an authenticator key and signed in with a second factor.</summary>
internal static class WalkPersonas
{
    public static readonly IReadOnlyList<string> All = [Personas.Anonymous, Personas.Customer, Personas.Staff, Personas.Admin];

    private const string Password = "correct horse battery staple";

    public static async Task<Dictionary<string, HttpClient>> SignInAsync(PortalWebApp app, WebApplicationFactory<Program> web)
    {
        var organisation = await app.CreateOrganisationAsync("WALK", "Walk Water");
        await app.CreateUserAsync("walk.customer@walk.example", Password, PortalRoles.Customer, organisation);
        await app.CreateUserAsync("walk.staff@portal.example", Password, PortalRoles.Staff, authenticatorKey: "JBSWY3DPEHPK3PXQ");
        await app.CreateUserAsync("walk.admin@portal.example", Password, PortalRoles.Admin, authenticatorKey: "JBSWY3DPEHPK3PXP");

        var customer = web.Browser();
        var signedIn = await customer.PostFormAsync("/Account/SignIn",
            new() { ["Input.Email"] = "walk.customer@walk.example", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return new Dictionary<string, HttpClient>(StringComparer.Ordinal)
        {
            [Personas.Anonymous] = web.Browser(),
            [Personas.Customer] = customer,
            [Personas.Staff] = await WithSecondFactorAsync(web, "walk.staff@portal.example"),
            [Personas.Admin] = await WithSecondFactorAsync(web, "walk.admin@portal.example"),
        };
    }

    private static async Task<HttpClient> WithSecondFactorAsync(WebApplicationFactory<Program> web, string email)
    {
        var browser = web.Browser();
        var signedIn = await browser.GetAsync($"{TestHooks.SecondFactorSignInPath}?email={email}");
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        return browser;
    }
}
