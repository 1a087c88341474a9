using System.Net;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class PasswordResetTests
{
    private const string Template = "accounts.reset-password";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_an_email(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("known@acme.example", AccountTestKit.Password, PortalRoles.Customer, org, language: "en");
        var browser = app.Browser();

        var known = await browser.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "known@acme.example" });
        var unknown = await browser.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "nobody@acme.example" });

        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        var knownPage = await browser.GetDocumentAsync(known.Headers.Location!.OriginalString);
        var unknownPage = await browser.GetDocumentAsync(unknown.Headers.Location!.OriginalString);
        Assert.True(knownPage.Has("reset-sent"));
        Assert.Equal(knownPage.MainText(), unknownPage.MainText());

        var emails = await app.EmailsAsync(Template);
        var email = Assert.Single(emails);
        Assert.Equal("known@acme.example", email.To);
        Assert.Equal("en", email.Language);
        Assert.Equal(user.DisplayName, email.Values["name"]);
        Assert.StartsWith($"http://localhost:5000/Account/ResetPassword?userId={user.Id}&code=", email.Values["link"], StringComparison.Ordinal);
        Assert.StartsWith($"reset:{user.Id}:", email.DedupKey, StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE event_type = @Type",
            new { Type = typeof(Notifications.Contracts.EmailRequested).FullName }));

        // Asking again sends a new link (a new dedup key), not nothing.
        await browser.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "KNOWN@acme.example" });
        Assert.Equal(2, (await app.EmailsAsync(Template)).Select(e => e.DedupKey).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_emailed_link_sets_a_new_password_once_and_a_wrong_code_is_refused(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("reset@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        var browser = app.Browser();
        await browser.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "reset@acme.example" });
        var link = AccountTestKit.LocalPart(Assert.Single(await app.EmailsAsync(Template)).Values["link"]);
        var fields = new Dictionary<string, string> { ["Input.Password"] = AccountTestKit.NewPassword, ["Input.ConfirmPassword"] = AccountTestKit.NewPassword };

        var wrong = await browser.PostFormAsync($"/Account/ResetPassword?userId={user.Id}&code=bm90LWEtdG9rZW4", new(fields));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("无效或已过期", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var garbage = await browser.PostFormAsync($"/Account/ResetPassword?userId={user.Id}&code=%%%", new(fields), formPage: "/Account/SignIn");
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        await app.SignInAsync("reset@acme.example", AccountTestKit.Password);

        var reset = await browser.PostFormAsync(link, new(fields));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/Account/SignIn", reset.Headers.Location?.OriginalString);
        Assert.Equal(1, await app.AuditCountAsync(AuditEvents.PasswordReset, user.Id));
        await app.SignInAsync("reset@acme.example", AccountTestKit.NewPassword);
        await AssertSignInRefusedAsync(app, "reset@acme.example", AccountTestKit.Password);

        // The password change renewed the security stamp, so the same link no longer works.
        var reused = await app.Browser().PostFormAsync(link, new() { ["Input.Password"] = "another long password", ["Input.ConfirmPassword"] = "another long password" });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        await app.SignInAsync("reset@acme.example", AccountTestKit.NewPassword);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Five_failed_sign_ins_lock_the_account_and_a_password_reset_unlocks_it(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("locked@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        var browser = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var failed = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "locked@acme.example", ["Input.Password"] = $"wrong password {i}" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var locked = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "locked@acme.example", ["Input.Password"] = AccountTestKit.Password });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("已被锁定", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_users WHERE id = @Id AND lockout_end IS NOT NULL", new { user.Id }));
        Assert.True(await app.AuditCountAsync(AuditEvents.LockedOut, user.Id) >= 1);

        await browser.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "locked@acme.example" });
        var link = AccountTestKit.LocalPart(Assert.Single(await app.EmailsAsync(Template)).Values["link"]);
        var reset = await browser.PostFormAsync(link, new() { ["Input.Password"] = AccountTestKit.NewPassword, ["Input.ConfirmPassword"] = AccountTestKit.NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_users WHERE id = @Id AND lockout_end IS NOT NULL", new { user.Id }));
        await app.SignInAsync("locked@acme.example", AccountTestKit.NewPassword);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reset_does_not_lift_an_administrators_lock(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("blocked@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        await app.ExecuteAsync("UPDATE acc_users SET lockout_end = @End WHERE id = @Id", new { End = DateTimeOffset.UtcNow.AddYears(50), user.Id });

        var browser = app.Browser();
        await browser.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "blocked@acme.example" });
        var link = AccountTestKit.LocalPart(Assert.Single(await app.EmailsAsync(Template)).Values["link"]);
        var reset = await browser.PostFormAsync(link, new() { ["Input.Password"] = AccountTestKit.NewPassword, ["Input.ConfirmPassword"] = AccountTestKit.NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await AssertSignInRefusedAsync(app, "blocked@acme.example", AccountTestKit.NewPassword);
    }

    internal static async Task AssertSignInRefusedAsync(PortalWebApp app, string email, string password)
    {
        var response = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
