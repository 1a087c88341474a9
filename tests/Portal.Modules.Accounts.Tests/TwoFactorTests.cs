using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class TwoFactorTests
{
    private static readonly HtmlParser Parser = new();

    private static async Task<IHtmlDocument> DocumentAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string handler, Dictionary<string, string>? fields = null) =>
        await browser.PostFormAsync($"/Account/TwoFactor?handler={handler}", fields ?? [], formPage: "/Account/TwoFactor");

    /// <summary>A six-digit code that is valid in none of the time steps Identity accepts.</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    /// <summary>Signs in with the password and returns the browser and the two-factor page it was sent to.</summary>
    private static async Task<(HttpClient Browser, string TwoFactorUrl)> PasswordStepAsync(PortalWebApp app, string email)
    {
        var browser = app.Browser();
        var response = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = AccountTestKit.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Account/SignInTwoFactor", location, StringComparison.Ordinal);
        return (browser, location);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_enables_two_factor_then_signs_in_with_a_code_or_a_recovery_code_once(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var admin = await app.CreateUserAsync("admin@vendor.example", AccountTestKit.Password, PortalRoles.Admin);
        var browser = await app.SignInAsync("admin@vendor.example", AccountTestKit.Password);

        var setup = await browser.GetDocumentAsync("/Account/TwoFactor?required=1");
        Assert.True(setup.Has("two-factor-required"));
        var key = setup.TestId("authenticator-key")!;
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", key);
        var uri = setup.TestId("authenticator-uri")!;
        Assert.StartsWith("otpauth://totp/Portal:admin%40vendor.example?secret=", uri, StringComparison.Ordinal);
        Assert.Contains("&issuer=Portal", uri, StringComparison.Ordinal);
        // The QR code beside the key encodes exactly this link.
        var qr = setup.QuerySelector("[data-testid=authenticator-qr] svg");
        Assert.NotNull(qr);
        var modules = System.Text.RegularExpressions.Regex.Match(Portal.Modules.Accounts.Identity.AuthenticatorQr.Svg(uri), " d=\"([^\"]+)\"").Groups[1].Value;
        Assert.True(modules.Length > 100, "the QR code draws its modules as one path");
        Assert.Equal(modules, qr.QuerySelector("path")?.GetAttribute("d"));

        var wrong = await PostAsync(browser, "Enable", new() { ["Input.Code"] = WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await DocumentAsync(wrong)).QuerySelector("[data-valmsg-for='Input.Code']")?.TextContent));
        Assert.False(await app.ScalarAsync<bool>("SELECT two_factor_enabled FROM acc_users WHERE id = @Id", new { admin.Id }));

        var enabled = await DocumentAsync(await PostAsync(browser, "Enable", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }));
        Assert.True(enabled.Has("two-factor-enabled"));
        var codes = enabled.QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        // The code just verified is this session's second factor: admin pages open without signing in again.
        Assert.False(enabled.Has("sign-in-again"));
        Assert.Equal("/", enabled.QuerySelector("[data-testid=continue]")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin/Users/Index")).StatusCode);
        Assert.True(await app.ScalarAsync<bool>("SELECT two_factor_enabled FROM acc_users WHERE id = @Id", new { admin.Id }));
        Assert.Equal(1, await app.AuditCountAsync(AuditEvents.TwoFactorEnabled, admin.Id));

        // Administrators cannot turn it off.
        Assert.True(enabled.Has("admin-keeps-two-factor"));
        Assert.False(enabled.Has("disable-two-factor"));
        var disable = await PostAsync(browser, "Disable");
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.True(await app.ScalarAsync<bool>("SELECT two_factor_enabled FROM acc_users WHERE id = @Id", new { admin.Id }));

        var signOut = await PostAsync(browser, "SignInAgain");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/Account/SignIn", signOut.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.False((await browser.GetDocumentAsync("/")).Has("account-menu"));

        // The password alone no longer signs in; a wrong code is refused, the right one works.
        var (second, twoFactorUrl) = await PasswordStepAsync(app, "admin@vendor.example");
        Assert.False((await second.GetDocumentAsync("/")).Has("account-menu"));
        var badCode = await second.PostFormAsync(twoFactorUrl, new() { ["Input.Code"] = WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, badCode.StatusCode);
        Assert.True(await app.AuditCountAsync(AuditEvents.SignInFailed, admin.Id) >= 1);
        var good = await second.PostFormAsync(twoFactorUrl, new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow), ["Input.RememberMachine"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var status = await second.GetDocumentAsync("/Account/TwoFactor");
        Assert.True(status.Has("account-menu"));
        Assert.False(status.Has("sign-in-again"));
        Assert.Equal("已启用", status.TestId("two-factor-status"));

        // A recovery code signs in once.
        var (third, thirdUrl) = await PasswordStepAsync(app, "admin@vendor.example");
        var recoveryUrl = "/Account/SignInRecoveryCode" + thirdUrl[thirdUrl.IndexOf('?', StringComparison.Ordinal)..];
        var recovered = await third.PostFormAsync(recoveryUrl, new() { ["Input.RecoveryCode"] = " " + codes[0].ToLowerInvariant() + " " });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        var afterRecovery = await third.GetDocumentAsync("/Account/TwoFactor");
        Assert.Contains("9", afterRecovery.TestId("recovery-codes-left"), StringComparison.Ordinal);

        var (fourth, fourthUrl) = await PasswordStepAsync(app, "admin@vendor.example");
        var reused = await fourth.PostFormAsync("/Account/SignInRecoveryCode" + fourthUrl[fourthUrl.IndexOf('?', StringComparison.Ordinal)..],
            new() { ["Input.RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.False((await fourth.GetDocumentAsync("/")).Has("account-menu"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_customer_can_regenerate_codes_reset_the_key_and_turn_two_factor_off(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        const string key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        var user = await app.CreateUserAsync("zhao@acme.example", AccountTestKit.Password, PortalRoles.Customer, org, authenticatorKey: key);
        var browser = await app.SignInAsync("zhao@acme.example", AccountTestKit.Password, key);

        var page = await browser.GetDocumentAsync("/Account/TwoFactor");
        Assert.Equal("已启用", page.TestId("two-factor-status"));
        Assert.False(page.Has("sign-in-again"));
        Assert.True(page.Has("disable-two-factor"));
        Assert.NotNull(page.QuerySelector("form[data-confirm] [data-testid=disable-two-factor]"));

        var regenerated = await DocumentAsync(await PostAsync(browser, "RecoveryCodes"));
        var codes = regenerated.QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Contains("10", regenerated.TestId("recovery-codes-left"), StringComparison.Ordinal);

        var reset = await PostAsync(browser, "Reset");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var afterReset = await browser.GetDocumentAsync("/Account/TwoFactor");
        Assert.Equal("未启用", afterReset.TestId("two-factor-status"));
        var newKey = afterReset.TestId("authenticator-key")!.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotEqual(key, newKey);
        Assert.True(afterReset.Has("account-menu"));

        var enabled = await DocumentAsync(await PostAsync(browser, "Enable", new() { ["Input.Code"] = Totp.Code(newKey, DateTimeOffset.UtcNow) }));
        Assert.True(enabled.Has("two-factor-enabled"));
        Assert.False(enabled.Has("sign-in-again"));

        var off = await PostAsync(browser, "Disable");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await app.ScalarAsync<bool>("SELECT two_factor_enabled FROM acc_users WHERE id = @Id", new { user.Id }));
        Assert.Equal(2, await app.AuditCountAsync(AuditEvents.TwoFactorDisabled, user.Id));
        Assert.True((await browser.GetDocumentAsync("/")).Has("account-menu"));
        await app.SignInAsync("zhao@acme.example", AccountTestKit.Password);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_code_pages_need_the_password_step_first(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var browser = app.Browser();
        foreach (var page in new[] { "/Account/SignInTwoFactor", "/Account/SignInRecoveryCode" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/SignIn?", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }
}
