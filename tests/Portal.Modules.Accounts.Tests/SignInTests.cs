using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class SignInTests
{
    private static async Task<string> RefusalAsync(PortalWebApp app, string email)
    {
        var browser = app.Browser();
        var response = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = AccountTestKit.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await browser.GetDocumentAsync("/")).Has("account-menu"));
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return page.TestId("form-errors") ?? "";
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Users_of_a_deactivated_organisation_cannot_sign_in_and_are_told_why(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("zhang@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        await app.SignInAsync("zhang@acme.example", AccountTestKit.Password);

        await app.ExecuteAsync("UPDATE acc_organisations SET is_active = @No WHERE id = @org", new { No = false, org });
        Assert.Equal("贵单位的访问权限已暂停，请联系您的客户经理。", await RefusalAsync(app, "zhang@acme.example"));
        Assert.Equal(1, await app.ScalarAsync<long>(
            "SELECT COUNT(*) FROM acc_audit_log WHERE event = @evt AND user_id = @Id AND detail = 'organisation-inactive'",
            new { evt = AuditEvents.SignInFailed, user.Id }));

        // A wrong password still gets the ordinary answer, so the rule reveals nothing to a guesser.
        var guess = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "zhang@acme.example", ["Input.Password"] = "a wrong guess here" });
        Assert.Contains("电子邮箱或密码不正确。", await guess.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_open_session_fails_its_next_stamp_check_once_the_organisation_is_deactivated(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("session@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        Assert.NotNull(await signIn.ValidateSecurityStampAsync(principal));

        await app.ExecuteAsync("UPDATE acc_organisations SET is_active = @No WHERE id = @org", new { No = false, org });
        Assert.Null(await signIn.ValidateSecurityStampAsync(principal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_account_without_a_role_cannot_sign_in(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var user = await app.CreateUserAsync("nobody@vendor.example", AccountTestKit.Password, PortalRoles.Staff);
        await app.ExecuteAsync("DELETE FROM acc_user_roles WHERE user_id = @Id", new { user.Id });

        Assert.Equal("您的账号尚未获得访问权限，请联系管理员。", await RefusalAsync(app, "nobody@vendor.example"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_signed_in_user_without_two_factor_lands_on_the_return_url_in_their_language(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("english@vendor.example", AccountTestKit.Password, PortalRoles.Customer, org, language: "en");
        var browser = app.Browser();

        var response = await browser.PostFormAsync("/Account/SignIn?ReturnUrl=%2FAccount%2FProfile",
            new() { ["Input.Email"] = "english@vendor.example", ["Input.Password"] = AccountTestKit.Password, ["ReturnUrl"] = "/Account/Profile" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Profile", response.Headers.Location?.OriginalString);
        var profile = await browser.GetDocumentAsync("/Account/Profile");
        Assert.Equal("en", profile.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Profile", profile.QuerySelector("h1")?.TextContent.Trim());
    }
}
