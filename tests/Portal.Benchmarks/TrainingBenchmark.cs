using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Areas.Training.Pages;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>The whole portal in process (the test host: routing, authorization, pages, antiforgery, the
/// real database) over a generated training history: the public calendar's month page for many months
/// and filters, enrolling through the Enroll page's form, and 50 simultaneous enrollments for 10 seats.</summary>
internal static partial class TrainingBenchmark
{
    private const string Password = "correct horse battery staple";
    private const int Samples = 300;
    private const int WarmUp = 30;
    private const int Contacts = 50;
    private static readonly string[] Products = ["KMS", "EDR", "DLP", "SOC", "VPN"];
    private static readonly string[] Modes = ["central", "onsite", "topic"];
    private static readonly string[] Audiences = ["administrator", "operator", "expert"];
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static async Task<string> RunAsync(int sessions, int enrollments, string provider)
    {
        // The test host looks for the web project beside a solution file; outside a test project it is told where.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_HOST", Path.Combine(Repository.Root, "src", "Portal.Host"));
        var empty = Directory.CreateTempSubdirectory("portal-training-bench-content-").FullName;
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Portal:ContentPath"] = empty,
            ["Logging:LogLevel:Default"] = "Warning",
            // Emails stay queued: the benchmark measures enrolling, not the mail pickup folder.
            ["Outbox:PollInterval"] = "01:00:00",
        }, pooledSqlite: true);
        var db = app.Services.GetRequiredService<IDb>();
        var watch = Stopwatch.StartNew();
        var upcoming = await FillAsync(db, sessions, enrollments, provider);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded in {watch.Elapsed.TotalSeconds:F1} s"));

        var anonymous = app.Browser();
        var calendar = CalendarUrls().ToList();
        var calendarMs = await MeasureAsync(i => GetAsync(anonymous, calendar[i % calendar.Count]));
        Report("calendar", calendarMs);

        // Contacts of organisations with free trainings left, each signed in as a browser with the form's token.
        var browsers = new List<(HttpClient Browser, string Token)>();
        for (var i = 0; i < Contacts; i++)
        {
            var org = await app.CreateOrganisationAsync($"BENCH{i:00}", $"Bench customer {i}");
            await ContractAsync(db, org);
            var email = string.Create(CultureInfo.InvariantCulture, $"trainee{i}@bench.example");
            await app.CreateUserAsync(email, Password, PortalRoles.Customer, org);
            var browser = await app.SignInAsync(email, Password);
            var form = await browser.GetStringAsync($"/Training/Enroll/{upcoming[0]}");
            browsers.Add((browser, TokenField().Match(form).Groups[1].Value));
        }
        // Sample i: contact i % 50 in upcoming session i (each pair once), some of them full (waitlist).
        var enrollMs = await MeasureAsync(i => EnrollAsync(browsers[i % Contacts], upcoming[(i + 1) % upcoming.Count]));
        Report("enroll", enrollMs);

        // The same command the page sends, without the HTTP pipeline (cookie, security stamp, antiforgery): where the time goes.
        var principals = await PrincipalsAsync(db);
        Report("enroll_command", await MeasureAsync(async i =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new EnrollModel.Enroll(principals[i % principals.Count], upcoming[(i + 400) % upcoming.Count], null));
        }));

        var raceOk = await RaceAsync(db, browsers);

        var process = Process.GetCurrentProcess();
        process.Refresh();
        return string.Create(CultureInfo.InvariantCulture,
            $"training sessions={sessions} enrollments={enrollments} calendar_p95_ms={P95(calendarMs):F1} enroll_p95_ms={P95(enrollMs):F1} " +
            $"race_ok={(raceOk ? "true" : "false")} rss_mb={process.WorkingSet64 / 1048576.0:F0}");
    }

    /// <summary>Courses of several products, modes and audiences; <paramref name="sessions"/> sessions from
    /// a year ago to a year ahead (past ones mostly completed, a few cancelled); <paramref name="enrollments"/>
    /// enrollments of trainees of 500 organisations (seats up to capacity, then the waitlist in order, some
    /// cancelled or paid requests), written straight to the tables in one transaction. Returns the ids of
    /// the scheduled sessions still open for enrollment.</summary>
    private static async Task<List<long>> FillAsync(IDb db, int sessions, int enrollments, string provider)
    {
        foreach (var product in Products) await CatalogRows.ProductAsync(db, product, "8.5.2");
        var random = new Random(20261207);
        var now = DateTimeOffset.UtcNow;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var upcoming = await db.WriteAsync(async (c, tx) =>
        {
            var courses = new List<long>();
            for (var i = 0; i < 45; i++)
            {
                courses.Add(await c.ExecuteScalarAsync<long>("""
                    INSERT INTO tr_courses (code, title_zh, title_en, product_code, audience, level, mode, duration_hours, created_at, updated_at)
                    VALUES (@code, @titleZh, @titleEn, @product, @audience, @level, @mode, 16, @now, @now) RETURNING id
                    """, new
                {
                    code = string.Create(CultureInfo.InvariantCulture, $"BENCH-{i:00}"), titleZh = $"基准课程 {i}", titleEn = $"Benchmark course {i}",
                    product = Products[i % Products.Length], audience = Audiences[i / 5 % 3], level = i % 2 == 0 ? "basic" : "advanced",
                    mode = Modes[i / 15 % 3], now,
                }, tx));
            }
            var rows = Enumerable.Range(0, sessions).Select(n =>
            {
                // 09:00 or 14:00 in Shanghai, any day from a year ago to a year ahead.
                var start = today.AddDays(random.Next(-365, 366)).AddHours(random.Next(2) == 0 ? 1 : 6);
                var past = start <= now;
                var status = random.Next(25) == 0 ? "cancelled" : past ? "completed" : "scheduled";
                return new
                {
                    course = courses[random.Next(courses.Count)], start, end = start.AddHours(random.Next(2) == 0 ? 4 : 8),
                    capacity = random.Next(10, 41), until = start.AddDays(-1), status, now,
                };
            }).ToList();
            await c.ExecuteAsync("""
                INSERT INTO tr_sessions (course_id, starts_at, ends_at, place, capacity, enroll_until, status, created_at, updated_at)
                VALUES (@course, @start, @end, '北京培训中心 301', @capacity, @until, @status, @now, @now)
                """, rows, tx);
            var all = (await c.QueryAsync<(long Id, int Capacity, string Status, DateTimeOffset Until)>(
                "SELECT id, capacity, status, enroll_until FROM tr_sessions ORDER BY id", transaction: tx)).ToList();

            // Each session gets its share in turn; trainees are distinct within a session.
            var perSession = new int[all.Count];
            for (var e = 0; e < enrollments; e++) perSession[random.Next(all.Count)]++;
            var people = new List<object>(enrollments);
            string[] languages = ["zh-CN", "zh-CN", "zh-CN", "en"];
            for (var s = 0; s < all.Count; s++)
            {
                int enrolled = 0, waiting = 0;
                for (var k = 0; k < perSession[s]; k++)
                {
                    var trainee = 1_000_000L + (s * 7919L + k) % 25_000;
                    var roll = random.Next(100);
                    var state = roll < 8 ? "cancelled" : roll < 12 ? "requested" : enrolled < all[s].Capacity ? "enrolled" : "waitlisted";
                    if (state == "enrolled") enrolled++;
                    people.Add(new
                    {
                        session = all[s].Id, org = 500_000L + trainee % 500, trainee, name = $"Trainee {trainee}",
                        email = string.Create(CultureInfo.InvariantCulture, $"t{trainee}@customer.example"), language = languages[(int)(trainee % 4)],
                        state, billing = state == "requested" || roll % 5 == 0 ? "paid" : "free",
                        position = state == "waitlisted" ? ++waiting : (int?)null, created = all[s].Until.AddDays(-random.Next(1, 60)),
                        cancelled = state == "cancelled" ? all[s].Until.AddDays(-1) : (DateTimeOffset?)null,
                    });
                }
            }
            // PostgreSQL: multi-row inserts of 500, one round trip each (row by row takes half a minute). SQLite binds
            // parameters by name in linear time, so there one row per statement is fastest (in process, no round trip).
            const string columns = "@session{0}, @org{0}, @trainee{0}, @name{0}, @email{0}, @language{0}, @trainee{0}, @state{0}, @billing{0}, @position{0}, @created{0}, @created{0}, @cancelled{0}";
            foreach (var chunk in people.Chunk(provider == "postgres" ? 500 : 1))
            {
                var args = new DynamicParameters();
                var values = new List<string>();
                foreach (var (row, i) in chunk.Select((r, i) => (r, i)))
                {
                    args.AddDynamicParams(row.GetType().GetProperties().ToDictionary(p => p.Name + i.ToString(CultureInfo.InvariantCulture), p => p.GetValue(row)));
                    values.Add("(" + string.Format(CultureInfo.InvariantCulture, columns, i) + ")");
                }
                await c.ExecuteAsync($"""
                    INSERT INTO tr_enrollments (session_id, organisation_id, trainee_user_id, trainee_name, trainee_email, trainee_language,
                        enrolled_by, state, billing, waitlist_position, created_at, updated_at, cancelled_at)
                    VALUES {string.Join(", ", values)}
                    """, args, tx);
            }
            return all.Where(s => s.Status == "scheduled" && s.Until > now.AddDays(1)).Select(s => s.Id).ToList();
        });
        if (provider == "postgres")
        {
            // What autovacuum does soon after a bulk load: statistics for the planner, the visibility map for index-only counts.
            await using var c = await db.OpenAsync();
            foreach (var table in new[] { "tr_courses", "tr_sessions", "tr_enrollments" }) await c.ExecuteAsync("VACUUM ANALYZE " + table);
        }
        if (upcoming.Count < Samples + WarmUp + 2) throw new InvalidOperationException($"Only {upcoming.Count} sessions open for enrollment: seed more sessions.");
        return upcoming;
    }

    /// <summary>A service period covering today with more free trainings than the benchmark uses.</summary>
    private static async Task ContractAsync(IDb db, long organisation)
    {
        var startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                trainings_per_year, created_at, updated_at)
            SELECT @organisation, MIN(id), 'paid', 'standard', @startsOn, 12, @endsOn, @False, 1000, @now, @now FROM sc_products
            """, new { organisation, startsOn, endsOn = startsOn.AddMonths(12).AddDays(-1), False = false, now = DateTimeOffset.UtcNow }, tx));
    }

    /// <summary>The benchmark's contacts as the claims the enroll handler reads.</summary>
    private static async Task<List<ClaimsPrincipal>> PrincipalsAsync(IDb db)
    {
        await using var c = await db.OpenAsync();
        return [.. (await c.QueryAsync<(long Id, long Organisation)>("SELECT id, organisation_id FROM acc_users WHERE email LIKE 'trainee%@bench.example'"))
            .Select(u => new ClaimsPrincipal(new ClaimsIdentity([
                new Claim(ClaimTypes.NameIdentifier, u.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(PortalClaims.OrganisationId, u.Organisation.ToString(CultureInfo.InvariantCulture))], "benchmark")))];
    }

    /// <summary>The month page for two years of months under every filter combination the form offers, shuffled.</summary>
    private static IEnumerable<string> CalendarUrls()
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai);
        var first = new DateOnly(now.Year, now.Month, 1);
        var filters = new List<string> { "" };
        filters.AddRange(Products.Select(p => "&product=" + p));
        filters.AddRange(Modes.Select(m => "&mode=" + m));
        filters.AddRange(Audiences.Select(a => "&audience=" + a));
        filters.AddRange(Products.SelectMany(p => Modes.Select(m => $"&product={p}&mode={m}")));
        filters.Add("&product=KMS&mode=central&audience=administrator");
        var random = new Random(7);
        var urls = Enumerable.Range(-12, 25)
            .SelectMany(m => filters.Select(f => "/Training?month=" + first.AddMonths(m).ToString("yyyy-MM", CultureInfo.InvariantCulture) + f))
            .ToList();
        return urls.OrderBy(_ => random.Next());
    }

    /// <summary>50 contacts (of 50 organisations with free trainings) enroll at once in a new 10-seat session:
    /// exactly 10 enrolled and 40 waitlisted at positions 1..40 in the order they were written.</summary>
    private static async Task<bool> RaceAsync(IDb db, List<(HttpClient Browser, string Token)> browsers)
    {
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(20), TimeSpan.Zero).AddHours(1);
        var session = await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO tr_sessions (course_id, starts_at, ends_at, capacity, enroll_until, created_at, updated_at)
            SELECT MIN(id), @start, @end, 10, @until, @now, @now FROM tr_courses RETURNING id
            """, new { start, end = start.AddHours(8), until = start.AddDays(-1), now = DateTimeOffset.UtcNow }, tx));
        using var gate = new SemaphoreSlim(0);
        var posts = browsers.Select(b => Task.Run(async () =>
        {
            await gate.WaitAsync();
            await EnrollAsync(b, session);
        })).ToList();
        gate.Release(browsers.Count);
        await Task.WhenAll(posts);
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<(long Id, string State, long? Position)>(
            "SELECT id, state, waitlist_position FROM tr_enrollments WHERE session_id = @session ORDER BY id", new { session })).ToList();
        var enrolled = rows.Where(r => r.State == "enrolled").ToList();
        var line = rows.Where(r => r.State == "waitlisted").ToList();
        var ok = rows.Count == 50 && enrolled.Count == 10 && line.Count == 40
            && line.Select(r => r.Position).SequenceEqual(Enumerable.Range(1, 40).Select(i => (long?)i))
            && enrolled.Max(r => r.Id) < line.Min(r => r.Id);
        if (!ok) Console.Error.WriteLine($"  race: {rows.Count} rows, {enrolled.Count} enrolled, {line.Count} waitlisted");
        return ok;
    }

    private static async Task GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        await response.Content.ReadAsStringAsync();
    }

    /// <summary>The Enroll page's form posted as a browser does: the antiforgery token, the trainee themself.</summary>
    private static async Task EnrollAsync((HttpClient Browser, string Token) who, long session)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = who.Token });
        using var response = await who.Browser.PostAsync($"/Training/Enroll/{session}", content);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Enroll in {session}: {(int)response.StatusCode}");
    }

    /// <summary>Milliseconds of <see cref="Samples"/> calls after <see cref="WarmUp"/> warm-up calls, sorted.</summary>
    private static async Task<double[]> MeasureAsync(Func<int, Task> call)
    {
        for (var i = 0; i < WarmUp; i++) await call(i);
        var ms = new double[Samples];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < Samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await call(i + WarmUp);
            ms[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(ms);
        // CPU of the whole process (the portal and this client) per call: steadier than latency on a busy machine.
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cpu_ms_per_call={(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Samples:F1}"));
        return ms;
    }

    private static void Report(string name, double[] sorted) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name} p50_ms={sorted[sorted.Length / 2]:F1} p95_ms={P95(sorted):F1} max_ms={sorted[^1]:F1} (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));

    private static double P95(double[] sorted) => sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
