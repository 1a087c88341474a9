using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>The people the authorization matrix is probed as, each with a signed-in browser.</summary>
internal sealed class Personas
{
    public const string Anonymous = "anonymous";
    public const string Customer = "customer";
    public const string Staff = "staff";
    public const string Admin = "admin";
    public const string AdminWithoutSecondFactor = "admin-without-2fa";

    /// <summary>The columns of authorization-matrix.txt, in order.</summary>
    public static readonly IReadOnlyList<string> MatrixColumns = [Anonymous, Customer, Staff, Admin];

    private const string Password = "correct horse battery staple";

    private readonly Dictionary<string, HttpClient> browsers = new(StringComparer.Ordinal);

    public HttpClient this[string persona] => browsers[persona];

    /// <summary>Creates one organisation and one account per persona, in a fixed order (so ids are
    /// the same on every database), and signs each in: through the sign-in form, except the admin
    /// and staff with two-factor, who go through <see cref="TestHooks.SecondFactorSignInPath"/>.</summary>
    public static async Task<Personas> SignInAsync(PortalWebApp app, WebApplicationFactory<Program> web)
    {
        var personas = new Personas();
        var organisation = await app.CreateOrganisationAsync("ACME", "Acme Water");
        await app.CreateUserAsync("customer@acme.example", Password, PortalRoles.Customer, organisation);
        await app.CreateUserAsync("staff@portal.example", Password, PortalRoles.Staff);
        await app.CreateUserAsync("admin@portal.example", Password, PortalRoles.Admin, authenticatorKey: "JBSWY3DPEHPK3PXP");
        await app.CreateUserAsync("admin.no2fa@portal.example", Password, PortalRoles.Admin);

        personas.browsers[Anonymous] = web.Browser();
        personas.browsers[Customer] = await SignInWithFormAsync(web, "customer@acme.example");
        personas.browsers[AdminWithoutSecondFactor] = await SignInWithFormAsync(web, "admin.no2fa@portal.example");

        personas.browsers[Admin] = await SignInWithSecondFactorAsync(web, "admin@portal.example");
        // Staff pages need two-factor too (Accounts:RequireTwoFactorForStaff).
        personas.browsers[Staff] = await SignInWithSecondFactorAsync(web, "staff@portal.example");
        return personas;
    }

    private static async Task<HttpClient> SignInWithSecondFactorAsync(WebApplicationFactory<Program> web, string email)
    {
        var browser = web.Browser();
        var signedIn = await browser.GetAsync($"{TestHooks.SecondFactorSignInPath}?email={email}");
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        return browser;
    }

    private static async Task<HttpClient> SignInWithFormAsync(WebApplicationFactory<Program> web, string email)
    {
        var browser = web.Browser();
        var response = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in {email} gave {(int)response.StatusCode}.");
        return browser;
    }
}
