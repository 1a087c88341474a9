using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

/// <summary>Sign-in and forgot-password answer the same for addresses with and without an account
/// (issue 17, section 2): same text, same status, the same password-hash work.</summary>
public sealed class SignInDisclosureTests
{
    private const string WrongAnswer = "电子邮箱或密码不正确。";
    private const string LockedTemplate = "accounts.locked-out";

    private sealed record Answer(HttpStatusCode Status, string Errors);

    private static async Task<Answer> SignInAsync(PortalWebApp app, string email, string password)
    {
        var response = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return new Answer(response.StatusCode, page.TestId("form-errors") ?? "");
    }

    private static async Task<PortalUser> CustomerAsync(PortalWebApp app, string email)
    {
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        return await app.CreateUserAsync(email, AccountTestKit.Password, PortalRoles.Customer, org);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_address_a_wrong_password_and_a_locked_account_get_the_same_answer(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await CustomerAsync(app, "real@acme.example");

        var unknown = await SignInAsync(app, "nobody@acme.example", "a wrong guess here");
        Assert.Equal(new Answer(HttpStatusCode.OK, WrongAnswer), unknown);
        for (var i = 0; i < 5; i++)
        {
            // The fifth wrong password locks the account and still answers like the others.
            Assert.Equal(unknown, await SignInAsync(app, "real@acme.example", $"wrong password {i}"));
            Assert.Equal(unknown, await SignInAsync(app, "nobody@acme.example", $"wrong password {i}"));
        }
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_users WHERE email = 'real@acme.example' AND lockout_end IS NOT NULL"));
        Assert.Equal(unknown, await SignInAsync(app, "real@acme.example", "another wrong one"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_lockout_is_told_once_by_email_with_a_reset_link_and_on_the_page_only_after_the_right_password(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var user = await CustomerAsync(app, "owner@acme.example");
        for (var i = 0; i < 7; i++)
            await SignInAsync(app, "owner@acme.example", $"wrong password {i}");

        var email = Assert.Single(await app.EmailsAsync(LockedTemplate));
        Assert.Equal("owner@acme.example", email.To);
        Assert.Equal("15", email.Values["minutes"]);
        Assert.Contains("/Account/ResetPassword?userId=", email.Values["link"], StringComparison.Ordinal);

        var right = await SignInAsync(app, "owner@acme.example", AccountTestKit.Password);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("此账号已被锁定，将于", right.Errors, StringComparison.Ordinal);
        Assert.Contains("解锁", right.Errors, StringComparison.Ordinal);
        Assert.Single(await app.EmailsAsync(LockedTemplate));

        // The emailed link resets the password and lifts the lockout.
        var browser = app.Browser();
        var reset = await browser.PostFormAsync(AccountTestKit.LocalPart(email.Values["link"]),
            new() { ["Input.Password"] = AccountTestKit.NewPassword, ["Input.ConfirmPassword"] = AccountTestKit.NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await app.SignInAsync("owner@acme.example", AccountTestKit.NewPassword);

        // A later lockout is a new one and gets its own email.
        for (var i = 0; i < 5; i++)
            await SignInAsync(app, "owner@acme.example", $"wrong again {i}");
        Assert.Equal(2, (await app.EmailsAsync(LockedTemplate)).Count);
        Assert.True(await app.AuditCountAsync(AuditEvents.LockedOut, user.Id) >= 2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_password_is_hashed_once_for_unknown_locked_unconfirmed_and_existing_addresses(string provider)
    {
        var counter = new VerifyCounter();
        await using var app = await PortalWebApp.StartAsync(provider, services: s => s.AddScoped<IPasswordHasher<PortalUser>>(
            sp => new CountingPasswordHasher(new PasswordHasher<PortalUser>(sp.GetService<IOptions<PasswordHasherOptions>>()), counter)));
        var user = await CustomerAsync(app, "hash@acme.example");

        async Task<int> VerificationsAsync(string email, string password)
        {
            var before = counter.Count;
            Assert.Equal(WrongAnswer, (await SignInAsync(app, email, password)).Errors);
            return counter.Count - before;
        }

        Assert.Equal(1, await VerificationsAsync("unknown@acme.example", "a wrong guess here"));
        Assert.Equal(1, await VerificationsAsync("hash@acme.example", "a wrong guess here"));
        await app.ExecuteAsync("UPDATE acc_users SET email_confirmed = @No WHERE id = @Id", new { No = false, user.Id });
        Assert.Equal(1, await VerificationsAsync("hash@acme.example", "a wrong guess here"));
        await app.ExecuteAsync("UPDATE acc_users SET lockout_end = @End WHERE id = @Id", new { End = DateTimeOffset.UtcNow.AddMinutes(15), user.Id });
        Assert.Equal(1, await VerificationsAsync("hash@acme.example", "a wrong guess here"));
        await app.ExecuteAsync("UPDATE acc_users SET lockout_end = @End WHERE id = @Id", new { End = AdminLock.Until, user.Id });
        Assert.Equal(1, await VerificationsAsync("hash@acme.example", "a wrong guess here"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Forgot_password_answers_the_same_for_an_address_with_and_without_an_account(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await CustomerAsync(app, "forgot@acme.example");

        async Task<(HttpStatusCode, string?, string)> AskAsync(string email)
        {
            var browser = app.Browser();
            var response = await browser.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email });
            var location = response.Headers.Location?.OriginalString;
            var page = await browser.GetDocumentAsync(location ?? "/Account/ForgotPassword");
            return (response.StatusCode, location, page.MainText());
        }

        var known = await AskAsync("forgot@acme.example");
        var unknown = await AskAsync("nobody@acme.example");
        Assert.Equal(HttpStatusCode.Redirect, known.Item1);
        Assert.Equal(known, unknown);
        Assert.Contains("如果有账号使用该地址", known.Item3, StringComparison.Ordinal);
        Assert.Single(await app.EmailsAsync("accounts.reset-password"));
        // The request itself did the same work for both: it recorded the request, and only the
        // outbox looked for an account afterwards.
        Assert.Equal(2, await app.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE event_type = @Type",
            new { Type = typeof(PasswordResetRequested).FullName }));
    }

    private sealed class VerifyCounter
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Add() => Interlocked.Increment(ref count);
    }

    /// <summary>The portal's hasher, counting the password checks.</summary>
    private sealed class CountingPasswordHasher(IPasswordHasher<PortalUser> inner, VerifyCounter counter) : IPasswordHasher<PortalUser>
    {
        public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            counter.Add();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
