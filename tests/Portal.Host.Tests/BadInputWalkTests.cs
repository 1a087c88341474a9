using System.Diagnostics;
using Portal.Host.Tests.BadInput;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Host.Tests;

/// <summary>Issue 17 §6: every page and handler the portal maps, walked as each role with bad
/// values in every bound field (GET and POST with a valid antiforgery token): no 5xx, no stack
/// trace or exception text in any answer, and a refused POST changes no rows.</summary>
public sealed class BadInputWalkTests(ITestOutputHelper output)
{
    /// <summary>A page each signed-in role opens only while signed in with its rights.</summary>
    private static readonly Dictionary<string, string> StillSignedIn = new(StringComparer.Ordinal)
    {
        [Personas.Customer] = "/Account/Profile",
        [Personas.Staff] = "/Feedback/Manage",
        [Personas.Admin] = "/Admin/Users",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_page_and_handler_survives_bad_input_from_every_role(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Portal:Demo"] = "true" });
        var web = app.WithTestHooks();
        var browsers = await WalkPersonas.SignInAsync(app, web);
        var endpoints = await WalkCatalog.DiscoverAsync(web.Services);
        Assert.Contains(endpoints, e => e.Route == "/Account/SignIn" && e.Handlers.Any(h => h.Method == "POST" && h.Fields.Any(f => f.Name == "Input.Email")));
        var rows = await RowCounts.CreateAsync(web.Services, provider);

        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        int requests = 0, failed = 0;
        foreach (var persona in WalkPersonas.All)
        {
            var walk = new BadInputWalk(browsers[persona], persona, provider, rows, failures);
            foreach (var endpoint in endpoints)
            {
                await walk.WalkAsync(endpoint);
                // A POST that signed the role out or took its rights would hide everything after it.
                if (StillSignedIn.GetValueOrDefault(persona) is { } page
                    && await Outcome.GetAsync(browsers[persona], page) is { Class: not Outcome.Ok } outcome)
                {
                    failures.Add($"{persona}: after {endpoint.Route} the role no longer opens {page} ({outcome}); the walk of this role stops here");
                    failed++;
                    break;
                }
            }
            requests += walk.Requests;
            failed += walk.Failed;
        }
        var handlers = endpoints.Sum(e => e.Handlers.Count);
        var summary = $"bad-input walk {provider}: {requests} requests, {failed} failed " +
            $"({endpoints.Count} endpoints, {handlers} handlers, 4 roles, {clock.Elapsed.TotalSeconds:F0} s)";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (var failure in failures.Take(200)) output.WriteLine(failure);

        Assert.True(failures.Count == 0, $"{summary}\n{string.Join('\n', failures.Take(60))}");
    }
}
