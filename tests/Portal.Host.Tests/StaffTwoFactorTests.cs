using System.Net;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>Staff pages need two-factor as admin pages do (Accounts:RequireTwoFactorForStaff, on by
/// default): a staff member without it is sent to the set-up page, at sign-in and by a staff page,
/// and is refused on a staff POST; once a code is verified the same session goes on.</summary>
public sealed class StaffTwoFactorTests
{
    private const string Password = "correct horse battery staple";
    private const string Email = "sam@portal.example";
    private const string StaffPage = "/Contracts/Manage/Products";
    private const string StaffPost = "/Contracts/Manage/Products/Create";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StaffWithoutTwoFactorAreSentToSetUpItAndRefusedOnPostsUntilTheyHaveIt(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await app.CreateUserAsync(Email, Password, PortalRoles.Staff, withoutTwoFactor: true);
        var browser = app.Browser();

        var signIn = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = Email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/Account/TwoFactor?required=1", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var page = await browser.GetAsync(StaffPage);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/TwoFactor?required=1", page.Headers.Location!.OriginalString);
        var refused = await CreateProductAsync(browser, "NOTYET");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Error/403", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await ProductsAsync(app, "NOTYET"));

        // The staff menu leads to the set-up page, not to pages that would bounce.
        var home = await browser.GetDocumentAsync("/");
        Assert.Equal(["/Account/TwoFactor?required=1"], home.QuerySelectorAll("[aria-labelledby=nav-staff] a").Select(a => a.GetAttribute("href")));

        var setUp = await browser.GetDocumentAsync("/Account/TwoFactor?required=1");
        Assert.NotNull(setUp.QuerySelector("[data-testid=two-factor-required]"));
        var key = setUp.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Trim();
        var enabled = await browser.PostFormAsync("/Account/TwoFactor?handler=Enable",
            new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, formPage: "/Account/TwoFactor");
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var done = new HtmlParser().ParseDocument(await enabled.Content.ReadAsStringAsync());
        Assert.NotNull(done.QuerySelector("[data-testid=recovery-codes]"));
        Assert.Equal("/", done.QuerySelector("[data-testid=continue]")!.GetAttribute("href"));
        Assert.Null(done.QuerySelector("[data-testid=disable-two-factor]"));

        // The code just verified counts as the second factor: no second sign-in needed.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(StaffPage)).StatusCode);
        var menu = (await browser.GetDocumentAsync("/")).QuerySelectorAll("[aria-labelledby=nav-staff] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/Contracts/Manage/ServiceContracts", menu);
        Assert.DoesNotContain("/Account/TwoFactor?required=1", menu);
        Assert.Equal(HttpStatusCode.Redirect, (await CreateProductAsync(browser, "NOWOK")).StatusCode);
        Assert.Equal(1, await ProductsAsync(app, "NOWOK"));

        // Staff cannot turn it off while it is required.
        await browser.PostFormAsync("/Account/TwoFactor?handler=Disable", [], formPage: "/Account/TwoFactor");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(StaffPage)).StatusCode);
        Assert.Equal("已启用", (await browser.GetDocumentAsync("/Account/TwoFactor")).QuerySelector("[data-testid=two-factor-status]")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StaffWithTwoFactorSignInWithACodeAndUseTheStaffPages(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await app.CreateUserAsync(Email, Password, PortalRoles.Staff);
        Assert.NotNull(app.AuthenticatorKeyOf(Email));
        var browser = await app.SignInAsync(Email, Password);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(StaffPage)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CreateProductAsync(browser, "WITHCODE")).StatusCode);
        Assert.Equal(1, await ProductsAsync(app, "WITHCODE"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithTheSettingOffStaffUseTheirPagesWithAPasswordButAdminsStillNeedTwoFactor(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Accounts:RequireTwoFactorForStaff"] = "false" });
        await app.CreateUserAsync(Email, Password, PortalRoles.Staff);
        Assert.Null(app.AuthenticatorKeyOf(Email));
        await app.CreateUserAsync("admin@portal.example", Password, PortalRoles.Admin);
        var browser = app.Browser();

        var signIn = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = Email, ["Input.Password"] = Password });
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(StaffPage)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CreateProductAsync(browser, "PASSWORD")).StatusCode);
        Assert.Equal(1, await ProductsAsync(app, "PASSWORD"));

        var admin = app.Browser();
        var adminSignIn = await admin.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "admin@portal.example", ["Input.Password"] = Password });
        Assert.StartsWith("/Account/TwoFactor?required=1", adminSignIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/Account/TwoFactor?required=1", (await admin.GetAsync("/Admin/Users/Index")).Headers.Location!.OriginalString);
    }

    /// <summary>A staff POST; the antiforgery token comes from a page every signed-in user may open.</summary>
    private static Task<HttpResponseMessage> CreateProductAsync(HttpClient browser, string code) =>
        browser.PostFormAsync(StaffPost, new() { ["Input.Code"] = code, ["Input.NameZh"] = "产品", ["Input.NameEn"] = "Product", ["Input.IsActive"] = "true" },
            formPage: "/Account/TwoFactor");

    private static async Task<long> ProductsAsync(PortalWebApp app, string code)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_products WHERE code = @code", new { code });
    }
}
