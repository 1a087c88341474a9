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
    private const string ClientC = "127.0.0.5";
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
        var forged = new[] { Forged, $"{Forged}, {HaproxyProcess.ProxyAddress}", "198.51.100.1", "198.51.100.2" };
        Assert.True(await TriedTwiceAsync(async run =>
        {
            // Client A uses up its attempts, whatever it writes in X-Forwarded-For...
            var statuses = await WrongPasswordsAsync(a, forged);
            // ...while another client behind the same proxy has its own.
            var other = await WrongPasswordsAsync(proxy.Client(run == 0 ? ClientB : ClientC), [null]);
            return statuses[^1] == HttpStatusCode.TooManyRequests && other[0] == HttpStatusCode.OK;
        }), "Client A's fourth attempt should be refused and client B's first allowed.");

        var addresses = await SignInFailuresFromAsync(database);
        Assert.Contains(ClientA, addresses);
        Assert.All(addresses, ip => Assert.Contains(ip, new[] { ClientA, ClientB, ClientC }));

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

        // All clients count as the proxy's one address.
        Assert.True(await TriedTwiceAsync(async _ =>
        {
            await WrongPasswordsAsync(proxy.Client(ClientA), [Forged, Forged, Forged]);
            return (await WrongPasswordsAsync(proxy.Client(ClientB), [null]))[0] == HttpStatusCode.TooManyRequests;
        }), "Client B's attempt should be refused after client A's three.");

        var addresses = await SignInFailuresFromAsync(database);
        Assert.NotEmpty(addresses);
        Assert.All(addresses, ip => Assert.Equal(HaproxyProcess.ProxyAddress.ToString(), ip));
        var challenge = await proxy.Client(ClientA).GetAsync("/Account/Profile");
        Assert.StartsWith("http://", challenge.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var form = await proxy.Client(ClientB).GetAsync("/Account/SignIn");
        Assert.DoesNotContain(form.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The rate limit's fixed windows turn on a timer, not at a client's first request, so a
    /// run may straddle a boundary; it is tried once more then (two runs of a few seconds cannot both).</summary>
    private static async Task<bool> TriedTwiceAsync(Func<int, Task<bool>> run) => await run(0) || await run(1);

    /// <summary>Wrong passwords, one per X-Forwarded-For value the client writes (null: none). The forms
    /// are fetched first, so the posts follow each other closely.</summary>
    private static async Task<List<HttpStatusCode>> WrongPasswordsAsync(HttpClient client, string?[] forwardedFor)
    {
        var forms = new List<(string Token, string Cookie)>();
        foreach (var _ in forwardedFor)
        {
            var form = await client.GetAsync("/Account/SignIn");
            var token = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync())
                .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var cookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.af=", StringComparison.Ordinal));
            forms.Add((token, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]));
        }
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < forwardedFor.Length; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "not the password", ["__RequestVerificationToken"] = forms[i].Token,
                }),
            };
            request.Headers.Add("Cookie", forms[i].Cookie);
            if (forwardedFor[i] is { } header) request.Headers.TryAddWithoutValidation("X-Forwarded-For", header);
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"A wrong password gave {(int)response.StatusCode}.");
            statuses.Add(response.StatusCode);
        }
        return statuses;
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
