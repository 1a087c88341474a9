using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

public sealed class ErrorPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_address_gets_the_friendly_not_found_page_in_both_languages(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var browser = app.Browser();

        var chinese = await browser.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, chinese.StatusCode);
        var html = await chinese.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        AssertNothingInternal(html);

        await Language.SwitchAsync(browser, "en");
        var english = await browser.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
        html = await english.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        AssertNothingInternal(html);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unhandled_exception_gets_the_friendly_error_page_without_its_details(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var web = app.WithTestHooks();
        var browser = web.Browser();

        var chinese = await browser.GetAsync(TestHooks.ThrowPath);
        Assert.Equal(HttpStatusCode.InternalServerError, chinese.StatusCode);
        var html = await chinese.Content.ReadAsStringAsync();
        Assert.Contains("出错了", html, StringComparison.Ordinal);
        Assert.Contains("参考编号", html, StringComparison.Ordinal);
        AssertNothingInternal(html);
        SecurityHeadersTests.AssertSecurityHeaders(TestHooks.ThrowPath, chinese);

        await Language.SwitchAsync(browser, "en");
        var english = await browser.GetAsync(TestHooks.ThrowPath);
        Assert.Equal(HttpStatusCode.InternalServerError, english.StatusCode);
        html = await english.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        AssertNothingInternal(html);
    }

    private static void AssertNothingInternal(string html)
    {
        foreach (var leak in new[] { TestHooks.SecretText, "Exception", "StackTrace", " at Portal.", " at Microsoft.", ".cs:line" })
            Assert.DoesNotContain(leak, html, StringComparison.Ordinal);
    }
}
