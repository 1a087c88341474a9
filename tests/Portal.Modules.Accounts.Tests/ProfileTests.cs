using System.Net;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class ProfileTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Saving_the_profile_persists_it_refreshes_the_name_and_switches_the_language(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme Industrial");
        var user = await app.CreateUserAsync("wang@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        var browser = await app.SignInAsync("wang@acme.example", AccountTestKit.Password);

        var page = await browser.GetDocumentAsync("/Account/Profile");
        Assert.Equal("wang@acme.example", page.QuerySelector("[data-testid=profile-email]")?.GetAttribute("value"));
        Assert.Equal("Acme Industrial", page.QuerySelector("[data-testid=profile-organisation]")?.GetAttribute("value"));
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.False(page.Has("send-confirmation"));

        var response = await browser.PostFormAsync("/Account/Profile", new()
        {
            ["Input.DisplayName"] = "Wang Fang",
            ["Input.PhoneNumber"] = "+86 10 6552 8888",
            ["Input.Language"] = "en",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));

        Assert.Equal("Wang Fang", await app.ScalarAsync<string>("SELECT display_name FROM acc_users WHERE id = @Id", new { user.Id }));
        Assert.Equal("+86 10 6552 8888", await app.ScalarAsync<string>("SELECT phone_number FROM acc_users WHERE id = @Id", new { user.Id }));
        Assert.Equal("en", await app.ScalarAsync<string>("SELECT preferred_language FROM acc_users WHERE id = @Id", new { user.Id }));

        var after = await browser.GetDocumentAsync("/Account/Profile");
        Assert.Equal("en", after.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Wang Fang", after.TestId("account-menu"));
        Assert.Contains("Your profile has been saved.", after.MainText(), StringComparison.Ordinal);
        Assert.Equal("en", after.QuerySelector("select[name='Input.Language'] option[selected]")?.GetAttribute("value"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invalid_profile_input_is_shown_again_with_errors_and_nothing_is_saved(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var user = await app.CreateUserAsync("staff@vendor.example", AccountTestKit.Password, PortalRoles.Staff);
        var browser = await app.SignInAsync("staff@vendor.example", AccountTestKit.Password);

        var response = await browser.PostFormAsync("/Account/Profile", new()
        {
            ["Input.DisplayName"] = "",
            ["Input.PhoneNumber"] = "call me maybe",
            ["Input.Language"] = "fr",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("请输入您的姓名。", page.QuerySelector("[data-valmsg-for='Input.DisplayName']")?.TextContent);
        Assert.Equal("请输入有效的电话号码。", page.QuerySelector("[data-valmsg-for='Input.PhoneNumber']")?.TextContent);
        Assert.Equal("请选择语言。", page.QuerySelector("[data-valmsg-for='Input.Language']")?.TextContent);
        Assert.Equal("call me maybe", page.QuerySelector("input[name='Input.PhoneNumber']")?.GetAttribute("value"));
        Assert.False(page.Has("profile-organisation"));
        Assert.Equal(user.DisplayName, await app.ScalarAsync<string>("SELECT display_name FROM acc_users WHERE id = @Id", new { user.Id }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unconfirmed_address_can_ask_for_a_link_that_confirms_it(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("unconfirmed@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        await app.ExecuteAsync("UPDATE acc_users SET email_confirmed = @No WHERE id = @Id", new { No = false, user.Id });
        var browser = await app.SignInAsync("unconfirmed@acme.example", AccountTestKit.Password);

        var page = await browser.GetDocumentAsync("/Account/Profile");
        Assert.True(page.Has("email-unconfirmed"));
        var sent = await browser.PostFormAsync("/Account/Profile?handler=SendConfirmation", [], formPage: "/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        // Pressing again within the quarter hour queues no second email.
        await browser.PostFormAsync("/Account/Profile?handler=SendConfirmation", [], formPage: "/Account/Profile");
        var email = Assert.Single(await app.EmailsAsync("accounts.confirm-email"));
        Assert.Equal("unconfirmed@acme.example", email.To);
        Assert.Equal(user.DisplayName, email.Values["name"]);

        var wrong = await app.Browser().GetDocumentAsync($"/Account/ConfirmEmail?userId={user.Id}&code=bm90LWEtdG9rZW4");
        Assert.True(wrong.Has("email-not-confirmed"));
        Assert.False(await app.ScalarAsync<bool>("SELECT email_confirmed FROM acc_users WHERE id = @Id", new { user.Id }));

        var confirmed = await app.Browser().GetDocumentAsync(AccountTestKit.LocalPart(email.Values["link"]));
        Assert.True(confirmed.Has("email-confirmed"));
        Assert.True(await app.ScalarAsync<bool>("SELECT email_confirmed FROM acc_users WHERE id = @Id", new { user.Id }));
        Assert.False((await browser.GetDocumentAsync("/Account/Profile")).Has("send-confirmation"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changing_the_password_needs_the_current_one_and_keeps_the_session(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("change@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        var browser = await app.SignInAsync("change@acme.example", AccountTestKit.Password);

        var wrong = await browser.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "not my password at all",
            ["Input.NewPassword"] = AccountTestKit.NewPassword,
            ["Input.ConfirmPassword"] = AccountTestKit.NewPassword,
        });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await wrong.Content.ReadAsStringAsync());
        Assert.Equal("当前密码不正确。", wrongPage.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")?.TextContent);

        var changed = await browser.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = AccountTestKit.Password,
            ["Input.NewPassword"] = AccountTestKit.NewPassword,
            ["Input.ConfirmPassword"] = AccountTestKit.NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await browser.GetDocumentAsync("/Account/ChangePassword");
        Assert.Contains("密码已修改。", after.MainText(), StringComparison.Ordinal);
        Assert.True(after.Has("account-menu"));
        Assert.Equal(1, await app.AuditCountAsync(AuditEvents.PasswordChanged, user.Id));

        await app.SignInAsync("change@acme.example", AccountTestKit.NewPassword);
        await PasswordResetTests.AssertSignInRefusedAsync(app, "change@acme.example", AccountTestKit.Password);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Signed_in_pages_send_anonymous_visitors_to_sign_in(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var browser = app.Browser();
        foreach (var page in new[] { "/Account/Profile", "/Account/ChangePassword", "/Account/TwoFactor" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!;
            Assert.StartsWith("/Account/SignIn", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
        }
    }
}
