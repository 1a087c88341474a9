using System.Data.Common;
using System.Net;
using AngleSharp.Html.Parser;
using Dapper;
using Portal.Modules.Accounts.Identity;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>Requests through a real HAProxy: the portal believes X-Forwarded-For/-Proto only from
/// Portal:KnownProxies, takes the right-most address no known proxy added (so a header the client
/// forged picks nothing), and the rate limit, the security log and redirects see the client.</summary>
public sealed class ReverseProxyTests
{
    private const string ClientA = "127.0.0.3";
    private const string ClientB = "127.0.0.4";
    private const string Forged = "203.0.113.7";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ThroughAKnownProxyThePortalSeesTheClientAddressAndHttpsAndIgnoresAForgedForwardedFor(string provider)
    {
        if (!HaproxyProcess.Available()) return;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var proxy = await HaproxyProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["Portal:KnownProxies"] = HaproxyProcess.ProxyAddress.ToString(),
            ["RateLimits:AuthPermitsPerMinute"] = "3",
        });

        var a = proxy.Client(ClientA);
        for (var attempt = 1; attempt <= 3; attempt++)
            Assert.Equal(HttpStatusCode.OK, (await WrongPasswordAsync(a, forwardedFor: attempt == 1 ? Forged : $"{Forged}, {HaproxyProcess.ProxyAddress}")).StatusCode);
        // Client A has used its three attempts, whatever it writes in X-Forwarded-For...
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongPasswordAsync(a, forwardedFor: "198.51.100.1")).StatusCode);
        // ...while client B, behind the same proxy, has its own.
        Assert.Equal(HttpStatusCode.OK, (await WrongPasswordAsync(proxy.Client(ClientB), forwardedFor: null)).StatusCode);

        Assert.Equal([ClientA, ClientA, ClientA, ClientB], await SignInFailuresFromAsync(database));

        // The scheme is the proxy's https: absolute redirects and the antiforgery cookie say so.
        var challenge = await a.GetAsync("/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("https://", challenge.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var form = await proxy.Client(ClientB).GetAsync("/Account/SignIn");
        Assert.Contains(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.af", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithoutKnownProxiesForwardedHeadersAreIgnoredAndEveryoneIsTheProxy(string provider)
    {
        if (!HaproxyProcess.Available()) return;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var proxy = await HaproxyProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["RateLimits:AuthPermitsPerMinute"] = "3",
        });

        for (var attempt = 1; attempt <= 3; attempt++)
            Assert.Equal(HttpStatusCode.OK, (await WrongPasswordAsync(proxy.Client(ClientA), forwardedFor: Forged)).StatusCode);
        // All clients count as the proxy's one address.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongPasswordAsync(proxy.Client(ClientB), forwardedFor: null)).StatusCode);

        var proxyAddress = HaproxyProcess.ProxyAddress.ToString();
        Assert.Equal([proxyAddress, proxyAddress, proxyAddress], await SignInFailuresFromAsync(database));
        var challenge = await proxy.Client(ClientA).GetAsync("/Account/Profile");
        Assert.StartsWith("http://", challenge.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var form = await proxy.Client(ClientB).GetAsync("/Account/SignIn");
        Assert.DoesNotContain(form.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The sign-in form, then a wrong password, optionally with an X-Forwarded-For the client wrote.</summary>
    private static async Task<HttpResponseMessage> WrongPasswordAsync(HttpClient browser, string? forwardedFor)
    {
        var form = await browser.GetAsync("/Account/SignIn");
        var token = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync())
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "not the password", ["__RequestVerificationToken"] = token,
            }),
        };
        if (forwardedFor is not null) request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return await browser.SendAsync(request);
    }

    private static async Task<List<string>> SignInFailuresFromAsync(TestDatabase database)
    {
        await using DbConnection connection = database.Provider == "sqlite"
            ? new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString)
            : new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return [.. await connection.QueryAsync<string>("SELECT ip FROM acc_audit_log WHERE event = @SignInFailed ORDER BY id",
            new { AuditEvents.SignInFailed })];
    }
}
