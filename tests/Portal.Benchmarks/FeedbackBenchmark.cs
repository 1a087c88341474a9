using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>The whole portal in process (the test host: routing, authorization, pages, antiforgery, the
/// real database) over a generated history of requests across many organisations: the staff queue's
/// first page under a rotation of filters, a contact's "My requests", and submitting a problem.</summary>
internal static partial class FeedbackBenchmark
{
    private const string Password = "correct horse battery staple";
    private const int Samples = 300;

    public static async Task<string> RunAsync(int requests, int organisations, string provider)
    {
        // The test host looks for the web project beside a solution file; outside a test project it is told where.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_HOST", Path.Combine(Repository.Root, "src", "Portal.Host"));
        var empty = Directory.CreateTempSubdirectory("portal-feedback-bench-content-").FullName;
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Portal:ContentPath"] = empty,
            ["Logging:LogLevel:Default"] = "Warning",
        }, pooledSqlite: true);
        var db = app.Services.GetRequiredService<IDb>();
        var history = await FillAsync(app, db, requests, organisations, provider);

        await app.CreateUserAsync("engineer@bench.example", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("engineer@bench.example", Password);
        var customer = await app.SignInAsync(history.CustomerEmail, Password);

        var queue = QueueUrls(history).ToList();
        var queueMs = await MeasureAsync(i => GetAsync(staff, queue[i % queue.Count]));
        foreach (var url in queue)
        {
            var p95 = P95(await MeasureAsync(_ => GetAsync(staff, url), 40));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  queue {url} p95_ms={p95:F1}"));
        }
        var myRequestsMs = await MeasureAsync(i => GetAsync(customer, i % 2 == 0 ? "/Feedback" : "/Feedback?state=open"));
        // As a browser: the form's antiforgery token and deflection session, then the post.
        var form = await customer.GetStringAsync("/Feedback/New");
        var fields = (Token: TokenField().Match(form).Groups[1].Value, Session: SessionField().Match(form).Groups[1].Value);
        var submitMs = await MeasureAsync(i => SubmitAsync(customer, fields.Token, fields.Session, i));

        var process = Process.GetCurrentProcess();
        process.Refresh();
        return string.Create(CultureInfo.InvariantCulture,
            $"feedback requests={requests} queue_p95_ms={P95(queueMs):F1} my_requests_p95_ms={P95(myRequestsMs):F1} " +
            $"submit_p95_ms={P95(submitMs):F1} rss_mb={process.PeakWorkingSet64 / 1048576.0:F0} provider={provider}");
    }

    private sealed record History(string CustomerEmail, long CustomerOrganisation, IReadOnlyList<long> Organisations);

    /// <summary>Organisations with KMS installed under a service period, one signed-in contact for the
    /// measured customer, and <paramref name="requests"/> requests over two years (most closed,
    /// the open ones due around now), written straight to the tables in one transaction.</summary>
    private static async Task<History> FillAsync(PortalWebApp app, IDb db, int requests, int organisations, string provider)
    {
        var product = await CatalogRows.ProductAsync(db, "KMS", "8.5.2");
        var orgs = new List<long>();
        for (var i = 0; i < organisations; i++)
        {
            var org = await app.CreateOrganisationAsync($"ORG{i:000}", $"Organisation {i}");
            await CatalogRows.InstallAsync(db, org, product, "8.5.2");
            orgs.Add(org);
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                trainings_per_year, created_at, updated_at)
            VALUES (@org, @product, 'paid', 'standard', @starts, 12, @ends, @False, 0, @now, @now)
            """, orgs.Select(org => new { org, product, starts = today.AddDays(-30), ends = today.AddDays(330), False = false, now = DateTimeOffset.UtcNow }), tx));
        var customerOrg = orgs[0];
        var contact = await app.CreateUserAsync("contact@bench.example", Password, PortalRoles.Customer, customerOrg);

        var random = new Random(20261207);
        var now = DateTimeOffset.UtcNow;
        string[] statuses = ["closed", "closed", "closed", "closed", "closed", "closed", "closed", "new", "in_progress", "waiting", "proposed", "reopened"];
        string[] types = ["problem", "problem", "problem", "problem", "suggestion", "complaint"];
        var rows = Enumerable.Range(1, requests).Select(n =>
        {
            var org = n % 50 == 0 ? customerOrg : orgs[random.Next(orgs.Count)];
            var created = now.AddMinutes(-random.Next(1, 2 * 365 * 24 * 60));
            var status = statuses[random.Next(statuses.Length)];
            var type = types[random.Next(types.Length)];
            var open = status != "closed";
            DateTimeOffset? due = open && status is not ("waiting" or "proposed") ? now.AddMinutes(random.Next(-7 * 24 * 60, 7 * 24 * 60)) : null;
            return new
            {
                reference = string.Create(CultureInfo.InvariantCulture, $"FB-B-{n:0000000}"),
                org, createdBy = org == customerOrg ? contact.Id : 100_000 + org, type,
                severity = type == "problem" ? random.Next(1, 5) : (int?)null, title = $"Benchmark request {n} about search and reports",
                status, created, due, closed = open ? (DateTimeOffset?)null : created.AddDays(3),
                assignee = random.Next(4) == 0 ? (long?)null : 1000 + random.Next(20), tier = 1 + random.Next(3),
            };
        }).ToList();
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO fb_requests (reference, organisation_id, created_by, contact_name, contact_email, contact_language, type, product_code,
                product_version, severity, title, description, status, covered, service_level, business_hours, respond_due_at, resolve_due_at,
                first_response_at, next_due_at, assignee_id, assignee_name, closed_at, close_reason, tier, created_at, updated_at)
            VALUES (@reference, @org, @createdBy, 'Contact', 'contact@bench.example', 'zh-CN', @type, 'KMS', '8.5.2', @severity, @title,
                'Generated for the benchmark.', @status, @True, 'standard', @True, @due, @due, NULL, @due, @assignee,
                @assigneeName, @closed, @closeReason, @tier, @created, @created)
            """, rows.Select(r => new
        {
            r.reference, r.org, r.createdBy, r.type, r.severity, r.title, r.status, r.due, r.assignee, r.closed, r.tier, r.created, True = true,
            assigneeName = r.assignee is null ? null : "Engineer", closeReason = r.closed is null ? null : "confirmed",
        }), tx));
        if (provider == "postgres")
        {
            // What autovacuum does soon after a bulk load: statistics for the planner, the visibility map for index-only counts.
            await using var c = await db.OpenAsync();
            await c.ExecuteAsync("VACUUM ANALYZE fb_requests");
        }
        return new History("contact@bench.example", customerOrg, orgs);
    }

    /// <summary>The staff queue's first page under the filters staff use most.</summary>
    private static IEnumerable<string> QueueUrls(History history)
    {
        yield return "/Feedback/Manage";
        yield return "/Feedback/Manage?severity=1";
        yield return "/Feedback/Manage?breached=true";
        yield return "/Feedback/Manage?soon=true";
        yield return "/Feedback/Manage?assignee=none";
        yield return "/Feedback/Manage?type=problem&severity=2&tier=2";
        yield return $"/Feedback/Manage?org={history.Organisations[7]}";
        yield return "/Feedback/Manage?status=waiting&sort=updated";
        yield return "/Feedback/Manage?product=KMS&sort=newest";
    }

    private static async Task GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        await response.Content.ReadAsStringAsync();
    }

    private static async Task SubmitAsync(HttpClient client, string token, string session, int n)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(session), "DeflectionSession" },
            { new StringContent("problem"), "Input.Type" },
            { new StringContent("KMS|8.5.2"), "Input.Installation" },
            { new StringContent("3"), "Input.Severity" },
            { new StringContent($"Report export shows garbled text ({n})"), "Input.Title" },
            { new StringContent("Since the upgrade the **monthly report** exports garbled Chinese text."), "Input.Description" },
            { new StringContent("+86 571 1234 5678"), "Input.ContactPhone" },
        };
        using var response = await client.PostAsync("/Feedback/New", content);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Submit: {(int)response.StatusCode}");
    }

    /// <summary>Milliseconds of <paramref name="samples"/> calls after 30 warm-up calls, sorted.</summary>
    private static async Task<double[]> MeasureAsync(Func<int, Task> call, int samples = Samples)
    {
        for (var i = 0; i < 30; i++) await call(i);
        var ms = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await call(i + 30);
            ms[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(ms);
        return ms;
    }

    private static double P95(double[] sorted) => sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"DeflectionSession\" value=\"([^\"]+)\"")]
    private static partial Regex SessionField();
}
