using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

public sealed class LanguageTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_switch_sets_the_cookie_and_the_next_page_is_in_that_language(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var browser = app.Browser();
        await AssertChineseAsync(browser);

        var toEnglish = await Language.SwitchAsync(browser, "en", returnUrl: "/Account/SignIn");
        Assert.Equal("/Account/SignIn", toEnglish.Headers.Location?.OriginalString);
        var cookie = Assert.Single(toEnglish.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Language.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("c%3Den%7Cuic%3Den", cookie, StringComparison.Ordinal);
        await AssertEnglishAsync(browser);

        await Language.SwitchAsync(browser, "zh-CN");
        await AssertChineseAsync(browser);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_signed_in_users_choice_is_saved_and_restored_at_the_next_sign_in_elsewhere(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("c@acme.example", Password, PortalRoles.Customer, org);

        var office = await app.SignInAsync("c@acme.example", Password);
        await AssertChineseAsync(office);
        await Language.SwitchAsync(office, "en");
        await AssertEnglishAsync(office);
        Assert.Equal("en", await PreferredLanguageAsync(app, "c@acme.example"));

        var laptop = await app.SignInAsync("c@acme.example", Password);
        await AssertEnglishAsync(laptop);

        await Language.SwitchAsync(laptop, "zh-CN");
        Assert.Equal("zh-CN", await PreferredLanguageAsync(app, "c@acme.example"));
        var phone = await app.SignInAsync("c@acme.example", Password);
        await AssertChineseAsync(phone);
    }

    internal static async Task<string?> PreferredLanguageAsync(PortalWebApp app, string email)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT preferred_language FROM acc_users WHERE email = @email", new { email });
    }

    internal static async Task AssertChineseAsync(HttpClient browser)
    {
        var document = await browser.GetDocumentAsync("/");
        Assert.Equal("zh-CN", document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("欢迎访问客户服务门户", document.Body!.TextContent, StringComparison.Ordinal);
    }

    internal static async Task AssertEnglishAsync(HttpClient browser)
    {
        var document = await browser.GetDocumentAsync("/");
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Welcome to the customer service portal", document.Body!.TextContent, StringComparison.Ordinal);
    }
}
