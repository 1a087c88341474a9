using System.Globalization;

namespace Portal.Benchmarks;

internal sealed record BenchmarkOptions(int Articles, int Queries, int Seconds, IReadOnlyList<string> Engines)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        var e = Array.IndexOf(args, "--engine");
        var engine = e >= 0 && e + 1 < args.Length ? args[e + 1].ToLowerInvariant() : "fts5";
        // "both" measures the engines one after the other on the same generated corpus.
        IReadOnlyList<string> engines = engine == "both" ? ["fts5", "lucene"] : [engine];
        return new BenchmarkOptions(Get("--articles", 100_000), Get("--queries", 3000), Get("--seconds", 10), engines);
    }
}
