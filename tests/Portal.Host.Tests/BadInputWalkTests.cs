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
        var walks = WalkPersonas.All.ToDictionary(p => p, p => new BadInputWalk(browsers[p], p, rows, failures));

        // What each role gets on each endpoint; the least privileged role that opens it gets the
        // full set of bad values, the other roles allowed in a sample, the roles refused one request.
        var outcomes = (await Task.WhenAll(WalkPersonas.All.Select(async p =>
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var endpoint in endpoints) seen[endpoint.Route] = await walks[p].ProbeAsync(endpoint);
            return (Persona: p, Seen: seen);
        }))).ToDictionary(o => o.Persona, o => o.Seen);
        WalkMode Mode(string persona, WalkEndpoint endpoint)
        {
            if (BadInputWalk.IsRefused(outcomes[persona][endpoint.Route])) return WalkMode.Refused;
            var allowed = WalkPersonas.All.Where(p => !BadInputWalk.IsRefused(outcomes[p][endpoint.Route])).ToList();
            var full = allowed.FirstOrDefault(p => outcomes[p][endpoint.Route] == Outcome.Ok) ?? allowed.First();
            return persona == full ? WalkMode.Full : WalkMode.Sample;
        }

        // GETs change nothing: the four roles walk them at once, each with its own browser.
        await Task.WhenAll(WalkPersonas.All.Select(async p =>
        {
            foreach (var endpoint in endpoints) await walks[p].GetsAsync(endpoint, Mode(p, endpoint));
        }));

        var getSeconds = clock.Elapsed.TotalSeconds;

        // POSTs one role at a time, so the row counts around a refused POST see only that POST.
        var countedRefusals = new HashSet<string>(StringComparer.Ordinal);
        var lostRoles = 0;
        foreach (var persona in WalkPersonas.All)
        {
            foreach (var endpoint in endpoints.Where(e => e.Handlers.Any(h => h.Method == "POST" && !BadInputWalk.IsSkipped(e, h))))
            {
                await walks[persona].PostsAsync(endpoint, Mode(persona, endpoint), countedRefusals);
                // A POST that signed the role out or took its rights would hide everything after it.
                if (StillSignedIn.GetValueOrDefault(persona) is { } page
                    && await Outcome.GetAsync(browsers[persona], page) is { Class: not Outcome.Ok } outcome)
                {
                    failures.Add($"{persona}: after {endpoint.Route} the role no longer opens {page} ({outcome}); the walk of this role stops here");
                    lostRoles++;
                    break;
                }
            }
        }
        var requests = walks.Values.Sum(w => w.Requests);
        var failed = walks.Values.Sum(w => w.Failed) + lostRoles;
        var handlers = endpoints.Sum(e => e.Handlers.Count);
        var summary = $"bad-input walk {provider}: {requests} requests, {failed} failed ({clock.Elapsed.TotalSeconds:F0} s, of which GETs {getSeconds:F0} s; " +
            $"{endpoints.Count} endpoints, {handlers} handlers, 4 roles)";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (var failure in failures.Take(200)) output.WriteLine(failure);

        Assert.True(failures.Count == 0, $"{summary}\n{string.Join('\n', failures.Take(60))}");
    }
}
