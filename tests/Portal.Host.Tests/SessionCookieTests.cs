using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>The session cookie is written when the session changes, not on every response: a
/// response that re-issues it can land after a newer one and undo it.</summary>
public sealed class SessionCookieTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_and_files_leave_the_session_cookie_alone(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var organisation = await app.CreateOrganisationAsync("ACME", "Acme Water");
        await app.CreateUserAsync("customer@acme.example", Password, PortalRoles.Customer, organisation);
        var browser = await app.SignInAsync("customer@acme.example", Password);

        foreach (var path in new[] { "/", "/Account/Profile", "/_content/Portal.Web/css/site.css", "/_content/Portal.Web/favicon.svg" })
        {
            using var response = await browser.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"GET {path} gave {(int)response.StatusCode}.");
            Assert.True(SessionCookieWrites(response).Count == 0, $"GET {path} wrote the session cookie.");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_fetched_with_an_outdated_cookie_does_not_end_the_session(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var organisation = await app.CreateOrganisationAsync("ACME", "Acme Water");
        var user = await app.CreateUserAsync("customer@acme.example", Password, PortalRoles.Customer, organisation);
        var browser = await app.SignInAsync("customer@acme.example", Password);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(user.Email!))!);
        }

        using var file = await browser.GetAsync("/_content/Portal.Web/css/site.css");
        Assert.True(file.IsSuccessStatusCode);
        Assert.Empty(SessionCookieWrites(file));

        using var page = await browser.GetAsync("/Account/Profile");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/SignIn", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static List<string> SessionCookieWrites(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? [.. cookies.Where(c => c.StartsWith("portal.auth", StringComparison.Ordinal))]
            : [];
}
