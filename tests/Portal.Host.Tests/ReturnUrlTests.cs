using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>Return URLs on the sign-in, two-factor, recovery-code and language pages: a bad one
/// goes home, an off-site one never leaves the site, a local one with Chinese or spaces is kept
/// percent-encoded, and none ends in a 500 (nor, after a correct password, in a user not signed in).</summary>
public sealed class ReturnUrlTests
{
    private const string Password = "correct horse battery staple";
    private const string Key = "JBSWY3DPEHPK3PXP";

    /// <summary>Each shape tried, and where it must lead.</summary>
    public static readonly IReadOnlyList<(string Given, string Expected)> Shapes =
    [
        ("/Knowledge/Search?q=a\tb", "/"),
        ("/Knowledge/Search?q=a\nb", "/"),
        ("/Knowledge/Search?q=a\r\nSet-Cookie: x=1", "/"),
        ("/Knowledge/Search?q=升级\u3000新版", "/Knowledge/Search?q=%E5%8D%87%E7%BA%A7%E3%80%80%E6%96%B0%E7%89%88"),
        ("/Knowledge/Search?q=升级", "/Knowledge/Search?q=%E5%8D%87%E7%BA%A7"),
        ("/Knowledge/Search?q=new version&page=2", "/Knowledge/Search?q=new%20version&page=2"),
        ("/Knowledge/Search?q=%E5%8D%87", "/Knowledge/Search?q=%E5%8D%87"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ];

    private static Task<PortalWebApp> StartAsync(string provider) =>
        PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["RateLimits:AuthPermitsPerMinute"] = "1000" });

    private static void AssertLeadsTo(string expected, string given, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{Show(given)} gave {(int)response.StatusCode}.");
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static async Task AssertSignedInAsync(HttpClient browser, string given) =>
        Assert.True((await browser.GetAsync("/Account/Profile")).StatusCode == HttpStatusCode.OK, $"Not signed in after {Show(given)}.");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_return_url_shape_on_sign_in_leads_home_or_to_the_encoded_local_page_and_signs_the_user_in(string provider)
    {
        await using var app = await StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("c@acme.example", Password, PortalRoles.Customer, org);
        foreach (var (given, expected) in Shapes)
        {
            var browser = app.Browser();
            var response = await browser.PostFormAsync("/Account/SignIn",
                new() { ["Input.Email"] = "c@acme.example", ["Input.Password"] = Password, ["ReturnUrl"] = given }, "/Account/SignIn");
            AssertLeadsTo(expected, given, response);
            await AssertSignedInAsync(browser, given);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_return_url_shape_on_the_two_factor_and_recovery_code_pages_leads_home_or_to_the_encoded_local_page(string provider)
    {
        await using var app = await StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var n = 0;
        foreach (var (given, expected) in Shapes)
        {
            var email = $"tf{++n}@acme.example";
            await app.CreateUserAsync(email, Password, PortalRoles.Customer, org, authenticatorKey: Key);

            var browser = app.Browser();
            var first = await browser.PostFormAsync("/Account/SignIn",
                new() { ["Input.Email"] = email, ["Input.Password"] = Password, ["ReturnUrl"] = given }, "/Account/SignIn");
            Assert.True(first.StatusCode == HttpStatusCode.Redirect, $"{Show(given)} gave {(int)first.StatusCode} on sign-in.");
            var next = first.Headers.Location!.OriginalString;
            Assert.StartsWith("/Account/SignInTwoFactor", next, StringComparison.Ordinal);
            Assert.True(next.All(char.IsAscii), next);
            var response = await browser.PostFormAsync("/Account/SignInTwoFactor",
                new() { ["Input.Code"] = Totp.Code(Key, DateTimeOffset.UtcNow), ["ReturnUrl"] = given }, "/Account/SignInTwoFactor");
            AssertLeadsTo(expected, given, response);
            await AssertSignedInAsync(browser, given);

            string code;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
                code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 1))!.Single();
            }
            var recovering = app.Browser();
            await recovering.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password }, "/Account/SignIn");
            var recovered = await recovering.PostFormAsync("/Account/SignInRecoveryCode",
                new() { ["Input.RecoveryCode"] = code, ["ReturnUrl"] = given }, "/Account/SignInRecoveryCode");
            AssertLeadsTo(expected, given, recovered);
            await AssertSignedInAsync(recovering, given);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_return_url_shape_on_the_language_switch_leads_home_or_to_the_encoded_local_page(string provider)
    {
        await using var app = await StartAsync(provider);
        var browser = app.Browser();
        foreach (var (given, expected) in Shapes)
        {
            var response = await browser.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = given }, "/");
            AssertLeadsTo(expected, given, response);
        }
    }
}
