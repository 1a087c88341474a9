using System.Net;
using System.Globalization;
using AngleSharp.Html.Parser;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

public sealed class RateLimitTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_fourth_sign_in_attempt_in_a_minute_is_refused_with_retry_after(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["RateLimits:AuthPermitsPerMinute"] = "3" });
        var browser = app.Browser();
        var form = await browser.GetAsync("/Account/SignIn");
        var token = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync())
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "not the password", ["__RequestVerificationToken"] = token,
        };

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var refused = await browser.PostAsync("/Account/SignIn", new FormUrlEncodedContent(fields));
            Assert.True(refused.StatusCode == HttpStatusCode.OK, $"Attempt {attempt} gave {(int)refused.StatusCode}.");
        }
        var fourth = await browser.PostAsync("/Account/SignIn", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        var retryAfter = int.Parse(Assert.Single(fourth.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("请求过于频繁", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Reading the page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/SignIn")).StatusCode);
    }
}
