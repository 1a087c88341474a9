using System.Net;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Areas.Admin.Pages.Organisations;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class AdminAccessTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admin_signed_in_without_a_second_factor_is_sent_to_two_factor_setup(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await app.CreateUserAsync("admin@vendor.example", AdminSession.Password, PortalRoles.Admin);
        var browser = await app.SignInAsync("admin@vendor.example", AdminSession.Password);

        var response = await browser.GetAsync("/Admin/Users/Index");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/TwoFactor?required=1", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_get_403_on_admin_pages_and_cannot_post_to_them(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await app.CreateUserAsync("staff@vendor.example", AdminSession.Password, PortalRoles.Staff, authenticatorKey: AdminSession.Key);
        var browser = await app.SignInAsync("staff@vendor.example", AdminSession.Password, AdminSession.Key);

        foreach (var page in new[] { "/Admin/Users/Index", "/Admin/Organisations/Index", "/Admin/AuditLog/Index" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var denied = await browser.GetAsync(response.Headers.Location);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        var post = await browser.PostFormAsync("/Admin/Organisations/Create",
            new() { ["Input.Code"] = "SNEAKY", ["Input.Name"] = "Sneaky" }, formPage: "/Account/SignOut");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/Error/403", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_organisations WHERE code = 'SNEAKY'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Handlers_that_change_data_refuse_a_non_admin_even_when_called_directly(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var staff = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "7"), new Claim(ClaimTypes.Role, PortalRoles.Staff), new Claim("amr", "mfa")], "test"));
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var result = await mediator.Send(new CreateModel.Command(staff, new OrganisationInput { Code = "NOPE", Name = "Nope" }));

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_organisations"));
    }
}

/// <summary>Shared by the Admin*Tests: an admin signed in with a second factor, and database reads.</summary>
internal static class AdminSession
{
    public const string Password = "correct horse battery";
    public const string Key = "JBSWY3DPEHPK3PXP";

    public static async Task<(PortalUser Admin, HttpClient Browser)> SignInAdminAsync(PortalWebApp app, string email = "admin@vendor.example")
    {
        var admin = await app.CreateUserAsync(email, Password, PortalRoles.Admin, authenticatorKey: Key);
        return (admin, await app.SignInAsync(email, Password, Key));
    }

    public static async Task<long> ScalarAsync(PortalWebApp app, string sql, object? args = null)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    public static async Task<T?> SingleAsync<T>(PortalWebApp app, string sql, object? args = null)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return await c.QuerySingleOrDefaultAsync<T>(sql, args);
    }

    public static async Task<IReadOnlyList<string>> RolesAsync(PortalWebApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await users.GetRolesAsync((await users.FindByEmailAsync(email))!)).ToList();
    }

    public static async Task<PortalUser> UserAsync(PortalWebApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
    }

    /// <summary>Whether the browser's session is still a signed-in one (the layout shows the account menu).</summary>
    public static async Task<bool> IsSignedInAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Contains("data-testid=\"account-menu\"", StringComparison.Ordinal);
    }

    /// <summary>Posts the sign-in form; true when it signed in (a redirect), false when the form came back.</summary>
    public static async Task<bool> TrySignInAsync(PortalWebApp app, string email)
    {
        var response = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    public static async Task<string> TextAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}
