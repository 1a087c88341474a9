using Portal.Modules.Knowledge.Contracts;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Knowledge;
using Portal.Modules.Knowledge.Search;

namespace Portal.Benchmarks;

/// <summary>Builds the index from a generated corpus through the index maintainer and runs a fixed
/// query mix through the search service the endpoint uses, with one and with eight clients.</summary>
internal static class SearchBenchmark
{
    public static async Task<string> RunAsync(BenchmarkOptions options)
    {
        var data = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        try
        {
            var corpus = new Corpus(options.Articles);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:DataPath"] = data,
                ["Database:Provider"] = "sqlite",
            }).Build();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddLogging();
            services.AddPortalCore(configuration);
            services.AddKnowledgeModule();
            services.AddSingleton<ISearchDocumentSource>(corpus);
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<MigrationRunner>().MigrateAsync();

            var build = Stopwatch.StartNew();
            var count = await provider.GetRequiredService<ISearchIndexMaintainer>().RebuildAsync(CancellationToken.None);
            var buildRate = count / build.Elapsed.TotalSeconds;

            var search = provider.GetRequiredService<SearchService>();
            var queries = QueryMix(corpus, 500);
            var viewer = SearchViewer.Customer(1);
            for (var i = 0; i < 300; i++) await RunOne(search, queries[i % queries.Count], viewer);

            var latencies = new double[options.Queries];
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < options.Queries; i++)
            {
                var watch = Stopwatch.StartNew();
                await RunOne(search, queries[i % queries.Count], viewer);
                latencies[i] = watch.Elapsed.TotalMilliseconds;
            }
            // CPU time per query (all threads, GC included) does not depend on what else the machine runs.
            var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / options.Queries;
            Array.Sort(latencies);

            var done = 0L;
            var until = Stopwatch.StartNew();
            var duration = TimeSpan.FromSeconds(options.Seconds);
            var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                var i = c * 61;
                while (until.Elapsed < duration)
                {
                    await RunOne(search, queries[i++ % queries.Count], viewer);
                    Interlocked.Increment(ref done);
                }
            })).ToArray();
            await Task.WhenAll(clients);
            var qps = done / until.Elapsed.TotalSeconds;

            var process = Process.GetCurrentProcess();
            process.Refresh();
            var indexBytes = Directory.EnumerateFiles(Path.Combine(data, "search-lucene")).Sum(f => new FileInfo(f).Length);
            return string.Create(CultureInfo.InvariantCulture,
                $"search articles={count} build_docs_per_s={buildRate:F0} p50_ms={Percentile(latencies, 0.50):F2} p99_ms={Percentile(latencies, 0.99):F2} cpu_ms_per_query={cpuPerQuery:F2} " +
                $"qps_8_clients={qps:F0} rss_mb={process.PeakWorkingSet64 / 1048576.0:F0} index_mb={indexBytes / 1048576.0:F0}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Task<SearchResult> RunOne(SearchService search, string query, SearchViewer viewer) =>
        search.SearchAsync(new SearchRequest(query, viewer), CancellationToken.None);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>1–4 terms; Chinese, English and mixed; phrases and prefixes; words drawn by frequency.</summary>
    private static List<string> QueryMix(Corpus corpus, int count)
    {
        var random = new Random(7);
        var queries = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var terms = random.Next(1, 5);
            var parts = new List<string>();
            var kind = i % 6;
            for (var t = 0; t < terms; t++)
            {
                parts.Add(kind switch
                {
                    0 or 1 => corpus.ZhWord(random),
                    2 or 3 => corpus.EnWord(random),
                    _ => t % 2 == 0 ? corpus.ZhWord(random) : corpus.EnWord(random),
                });
            }
            if (i % 5 == 0 && parts.Count > 1) queries.Add("\"" + string.Join(' ', parts.Take(2)) + "\"" + string.Concat(parts.Skip(2).Select(p => " " + p)));
            else if (i % 7 == 0) queries.Add(string.Join(' ', parts.Take(parts.Count - 1)) + " " + Prefix(parts[^1]));
            else if (i % 3 == 0 && kind < 2) queries.Add(string.Concat(parts)); // a run of Chinese words, as typed without spaces
            else queries.Add(string.Join(' ', parts));
        }
        return queries;
    }

    private static string Prefix(string word) => (word.Length > 3 ? word[..3] : word) + "*";
}
