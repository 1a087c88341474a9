using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>Serves one large file through the portal (a built Portal.Host process on SQLite, to an
/// entitled, signed-in demo customer) and through nginx from the same disk, one stream and 16 at
/// once, and reports throughput and the portal's peak memory.</summary>
internal static partial class DownloadBenchmark
{
    private const string Customer = "bench@bench.example";
    private const int Concurrent = 16;

    public static async Task<string> RunAsync(int sizeMb)
    {
        var nginx = FindNginx() ?? throw new InvalidOperationException("nginx is not installed: apt-get install nginx-light (or nginx).");
        var root = Path.Combine(Path.GetTempPath(), "portal-download-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var fileName = $"bench-{sizeMb}.bin";
        try
        {
            var content = WriteContentFolder(root, fileName, sizeMb);
            await using var portal = await PortalProcess.StartAsync(Path.Combine(root, "data"), content.Folder);
            var portalClient = await SignInAsync(portal.BaseUrl, File.ReadAllText(Path.Combine(root, "data", "demo-accounts.txt")));
            var fileUrl = await FindFileUrlAsync(portalClient, fileName);
            await using var server = await NginxProcess.StartAsync(nginx, Path.Combine(root, "nginx"), Path.GetDirectoryName(content.File)!);
            using var nginxClient = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
            var expected = new FileInfo(content.File).Length;

            // Warm both once (page cache, JIT), then measure.
            await DownloadAsync(nginxClient, "/" + fileName, expected);
            await DownloadAsync(portalClient, fileUrl, expected);
            var portalSingle = await ThroughputAsync(portalClient, fileUrl, expected, 1);
            var nginxSingle = await ThroughputAsync(nginxClient, "/" + fileName, expected, 1);
            var portalMany = await ThroughputAsync(portalClient, fileUrl, expected, Concurrent);
            var nginxMany = await ThroughputAsync(nginxClient, "/" + fileName, expected, Concurrent);
            var rss = portal.PeakRssMb();
            return string.Create(CultureInfo.InvariantCulture,
                $"download size_mb={sizeMb} portal_mb_s={portalSingle:F0} nginx_mb_s={nginxSingle:F0} ratio={portalSingle / nginxSingle:F2} " +
                $"concurrent16_ratio={portalMany / nginxMany:F2} rss_mb={rss}");
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record Content(string Folder, string File);

    /// <summary>The shipped catalog, one demo customer with KMS 8.5.2 installed under an active
    /// contract, and one published KMS patch whose file is the benchmark file.</summary>
    private static Content WriteContentFolder(string root, string fileName, int sizeMb)
    {
        var folder = Path.Combine(root, "content");
        var release = Path.Combine(folder, "downloads", "KMS", "8.5.2", "bench");
        Directory.CreateDirectory(release);
        Directory.CreateDirectory(Path.Combine(folder, "demo"));
        File.Copy(Path.Combine(Repository.Root, "content", "products.yaml"), Path.Combine(folder, "products.yaml"));
        File.WriteAllText(Path.Combine(folder, "demo", "organizations.yaml"), $$"""
            organizations:
              - code: BENCH
                name: Benchmark customer
                users:
                  - { email: {{Customer}}, name: Bench, role: customer }
                installations:
                  - { product: KMS, version: 8.5.2 }
                contracts:
                  - { product: KMS, kind: paid, level: standard, starts: today-10, months: 12 }
            """);
        File.WriteAllText(Path.Combine(release, "release.yaml"), $$"""
            title: { zh: 基准测试补丁, en: Benchmark patch }
            kind: patch
            severity: low
            published: 2026-01-05
            files: [{{fileName}}]
            """);
        var file = Path.Combine(release, fileName);
        var block = new byte[1024 * 1024];
        new Random(20261130).NextBytes(block);
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            for (var i = 0; i < sizeMb; i++) stream.Write(block);
        return new Content(folder, file);
    }

    private static async Task<HttpClient> SignInAsync(string baseUrl, string demoAccounts)
    {
        var password = demoAccounts.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .First(parts => parts.Length >= 3 && parts[1] == Customer)[2];
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan,
        };
        var form = await client.GetStringAsync("/Account/SignIn");
        var token = TokenField().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Customer, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        return client;
    }

    private static async Task<string> FindFileUrlAsync(HttpClient client, string fileName)
    {
        var updates = await client.GetStringAsync("/Downloads");
        foreach (Match release in ReleaseLink().Matches(updates))
        {
            var page = await client.GetStringAsync(release.Value);
            if (FileLink().Matches(page).FirstOrDefault(m => m.Value.EndsWith(fileName, StringComparison.Ordinal)) is { } link) return link.Value;
        }
        throw new InvalidOperationException("The benchmark release is not in the download centre.");
    }

    /// <summary>MiB/s over all streams: the median of three runs (this machine's timing varies).</summary>
    private static async Task<double> ThroughputAsync(HttpClient client, string url, long expected, int streams)
    {
        var runs = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => DownloadAsync(client, url, expected)));
            runs.Add(expected * streams / 1048576.0 / watch.Elapsed.TotalSeconds);
        }
        return runs.Order().ElementAt(1);
    }

    private static async Task DownloadAsync(HttpClient client, string url, long expected)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        if (total != expected) throw new InvalidOperationException($"{url}: {total} bytes instead of {expected}");
    }

    private static string? FindNginx() => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("/Downloads/Release/\\d+")]
    private static partial Regex ReleaseLink();

    [GeneratedRegex("/Downloads/File/\\d+/[^\"?#]+")]
    private static partial Regex FileLink();
}
