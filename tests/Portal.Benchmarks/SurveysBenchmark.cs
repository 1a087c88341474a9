using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>The whole portal in process over <c>responses</c> answered customer-satisfaction surveys (15 ratings each)
/// spread over the last 12 months, 300 organisations, 5 products and 40 engineers: the staff results page for the default
/// period, the CSV export's throughput (with the process's memory sampled while it streams) and answering the survey
/// through the real form.</summary>
internal static partial class SurveysBenchmark
{
    private const string Password = "correct horse battery staple";
    private static readonly string[] Products = ["KMS", "EDR", "DLP", "SOC", "VPN"];

    public static async Task<string> RunAsync(int responses, string provider)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL_HOST", Path.Combine(Repository.Root, "src", "Portal.Host"));
        var empty = Directory.CreateTempSubdirectory("portal-surveys-bench-content-").FullName;
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Portal:ContentPath"] = empty,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outbox:PollInterval"] = "01:00:00",
        }, pooledSqlite: true);
        var db = app.Services.GetRequiredService<IDb>();
        var content = Directory.CreateTempSubdirectory("portal-surveys-bench-import-").FullName;
        Directory.CreateDirectory(Path.Combine(content, "surveys"));
        File.Copy(Path.Combine(Repository.Root, "content", "surveys", "customer-satisfaction.yaml"), Path.Combine(content, "surveys", "customer-satisfaction.yaml"));
        await app.Services.GetRequiredService<ContentImporter>().ImportAsync(content, demo: false);
        foreach (var product in Products) await CatalogRows.ProductAsync(db, product, "1.0.0");

        var watch = Stopwatch.StartNew();
        var (templateId, versionId) = await SeedAsync(db, responses, provider);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded in {watch.Elapsed.TotalSeconds:F1} s"));
        // The rows were written around InvitationStore: the rollup sweep counts them, as after an upgrade to migration 0007.
        watch.Restart();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetServices<ISweep>().Single(s => s.Name == "surveys.rollups").RunAsync(CancellationToken.None);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rollups built in {watch.Elapsed.TotalSeconds:F1} s"));

        await app.CreateUserAsync("bench-staff@portal.example", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("bench-staff@portal.example", Password);
        var url = $"/Surveys/Manage/Results?template={templateId}";
        var pageMs = await MeasureAsync(10, 2, async _ =>
        {
            using var r = await staff.GetAsync(url);
            if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)r.StatusCode}");
            await r.Content.ReadAsStringAsync();
        });
        Report("results_page", pageMs);

        var (mbPerSecond, rssMin, rssMax) = await ExportAsync(staff, $"/Surveys/Manage/Results/Export?template={templateId}");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  export rss_mb during: min={rssMin} max={rssMax}"));

        var tokens = await InviteAsync(db, versionId, 230);
        var submitMs = await MeasureAsync(200, 30, i => SubmitAsync(app.Browser(), tokens[i]));
        Report("submit", submitMs);

        var process = Process.GetCurrentProcess();
        process.Refresh();
        return string.Create(CultureInfo.InvariantCulture,
            $"surveys responses={responses} results_page_ms={Median(pageMs):F0} csv_export_mb_s={mbPerSecond:F1} submit_p95_ms={P95(submitMs):F1} rss_mb={process.WorkingSet64 / 1048576.0:F0}");
    }

    /// <summary>Invitations (a sixth more than responses: the rest unanswered) and responses spread over the last 365 days,
    /// written in big transactions; the answers are made in one INSERT … SELECT (15 per response, about 1 in 25 not applicable,
    /// ratings leaning to 4 and 5).</summary>
    private static async Task<(long Template, long Version)> SeedAsync(IDb db, int responses, string provider)
    {
        var (templateId, versionId) = await db.WriteAsync((c, tx) => c.QuerySingleAsync<(long, long)>(
            "SELECT t.id, v.id FROM sv_templates t JOIN sv_template_versions v ON v.template_id = t.id WHERE t.code = 'customer-satisfaction'", transaction: tx));
        var random = new Random(20261207);
        var now = DateTimeOffset.UtcNow;
        var invitations = responses + responses / 6;
        const int batch = 20_000;
        for (var start = 0; start < invitations; start += batch)
        {
            var rows = Enumerable.Range(start, Math.Min(batch, invitations - start)).Select(n =>
            {
                var created = now.AddSeconds(-random.Next(60, 365 * 86400));
                var org = random.Next(300);
                return new
                {
                    VersionId = versionId, hash = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes((long)n))), org = 900_000L + org,
                    email = string.Create(CultureInfo.InvariantCulture, $"c{n}@customer.example"), n, label = string.Create(CultureInfo.InvariantCulture, $"FB-{n}"),
                    created, expires = created.AddDays(30), answered = n < responses ? Min(created.AddHours(random.Next(1, 72)), now) : (DateTimeOffset?)null,
                    product = Products[(org + random.Next(2)) % Products.Length], engineer = string.Create(CultureInfo.InvariantCulture, $"Engineer {random.Next(40):00}"),
                    instructor = random.Next(4) == 0 ? string.Create(CultureInfo.InvariantCulture, $"Instructor {random.Next(8)}") : "",
                };
            }).ToList();
            await db.WriteAsync(async (c, tx) =>
            {
                const string columns = "(@VersionId{0}, @hash{0}, @org{0}, @email{0}, 'zh-CN', 'request', @n{0}, @label{0}, @created{0}, @expires{0}, @answered{0}, @product{0}, @engineer{0}, @instructor{0})";
                foreach (var chunk in rows.Chunk(provider == "postgres" ? 500 : 1))
                {
                    var args = new DynamicParameters();
                    var values = new List<string>();
                    foreach (var (row, i) in chunk.Select((r, i) => (r, i)))
                    {
                        args.AddDynamicParams(row.GetType().GetProperties().ToDictionary(p => p.Name + i.ToString(CultureInfo.InvariantCulture), p => p.GetValue(row)));
                        values.Add(string.Format(CultureInfo.InvariantCulture, columns, i));
                    }
                    await c.ExecuteAsync($"""
                        INSERT INTO sv_invitations (template_version_id, token_hash, organisation_id, email, language, subject_kind, subject_id, subject_label,
                            created_at, expires_at, answered_at, product_code, engineer, instructor)
                        VALUES {string.Join(", ", values)}
                        """, args, tx);
                }
                return 0;
            });
        }
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO sv_responses (invitation_id, template_version_id, organisation_id, channel, header, submitted_at)
                SELECT id, template_version_id, organisation_id, 'web', '["合同","产品","客户","联系人","实施","调查"]', answered_at
                FROM sv_invitations WHERE answered_at IS NOT NULL AND template_version_id = @versionId ORDER BY answered_at
                """, new { versionId }, tx, commandTimeout: 600);
            // m: a spread-out number 0..99 per answer; 0..3 not applicable, then ratings mostly 4 and 5.
            await c.ExecuteAsync("""
                INSERT INTO sv_answers (response_id, question_id, rating, not_applicable, remark)
                SELECT x.response_id, x.question_id,
                    CASE WHEN x.m < 4 THEN NULL WHEN x.m < 7 THEN 1 WHEN x.m < 13 THEN 2 WHEN x.m < 28 THEN 3 WHEN x.m < 63 THEN 4 ELSE 5 END,
                    CASE WHEN x.m < 4 THEN @True ELSE @False END,
                    CASE WHEN x.m = 50 THEN '响应及时' ELSE NULL END
                FROM (SELECT r.id AS response_id, q.id AS question_id, (r.id * 7919 + q.id * 104729 + r.organisation_id) % 100 AS m
                      FROM sv_responses r CROSS JOIN sv_questions q WHERE q.version_id = @versionId AND q.kind = 'rating') x
                """, new { versionId, True = true, False = false }, tx, commandTimeout: 600);
            return 0;
        });
        await using (var c = await db.OpenAsync())
        {
            foreach (var t in new[] { "sv_invitations", "sv_responses", "sv_answers" })
                await c.ExecuteAsync((provider == "postgres" ? "VACUUM ANALYZE " : "ANALYZE ") + t, commandTimeout: 600);
        }
        return (templateId, versionId);
    }

    /// <summary>Streams the export, counting bytes, while another task samples this process's resident memory.</summary>
    private static async Task<(double MbPerSecond, long RssMinMb, long RssMaxMb)> ExportAsync(HttpClient staff, string url)
    {
        long min = long.MaxValue, max = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var p = Process.GetCurrentProcess();
                var mb = p.WorkingSet64 / 1048576;
                min = Math.Min(min, mb);
                max = Math.Max(max, mb);
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        using var response = await staff.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        var seconds = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  export {total / 1048576.0:F1} MB in {seconds:F1} s"));
        return (total / 1048576.0 / seconds, min, max);
    }

    /// <summary>Fresh invitations with known tokens (43 characters, as the portal's), for the answering form.</summary>
    private static async Task<List<string>> InviteAsync(IDb db, long versionId, int count)
    {
        var tokens = Enumerable.Range(0, count).Select(_ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')).ToList();
        var now = DateTimeOffset.UtcNow;
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sv_invitations (template_version_id, token_hash, organisation_id, email, language, subject_kind, subject_id, created_at, expires_at)
            VALUES (@versionId, @hash, 900001, @email, 'zh-CN', 'campaign', @n, @now, @expires)
            """, tokens.Select((t, n) => new
        {
            versionId, hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(t))), email = $"submit{n}@bench.example", n = 5_000_000 + n,
            now, expires = now.AddDays(30),
        }), tx));
        return tokens;
    }

    /// <summary>Opens the answering page and posts it as a browser does: its antiforgery token, every rating 4.</summary>
    private static async Task SubmitAsync(HttpClient browser, string token)
    {
        var url = "/Surveys/Answer/" + token;
        var form = await browser.GetStringAsync(url + "?language=true");
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = TokenField().Match(form).Groups[1].Value };
        foreach (Match radio in RadioName().Matches(form)) fields[WebUtility.HtmlDecode(radio.Groups[1].Value)] = "4";
        using var response = await browser.PostAsync(url, new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Submit {url}: {(int)response.StatusCode}");
        browser.Dispose();
    }

    private static async Task<double[]> MeasureAsync(int samples, int warmUp, Func<int, Task> call)
    {
        for (var i = 0; i < warmUp; i++) await call(i);
        var ms = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await call(i + warmUp);
            ms[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(ms);
        return ms;
    }

    private static void Report(string name, double[] sorted) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name} p50_ms={Median(sorted):F1} p95_ms={P95(sorted):F1} max_ms={sorted[^1]:F1} (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));

    /// <summary>No response lies in the future.</summary>
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static double Median(double[] sorted) => sorted[sorted.Length / 2];

    private static double P95(double[] sorted) => sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("type=\"radio\" name=\"([^\"]+)\" id=\"[^\"]+\" value=\"4\"")]
    private static partial Regex RadioName();
}
