using System.Globalization;

namespace Portal.Benchmarks;

internal sealed record BenchmarkOptions(int Articles, int Queries, int Seconds)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchmarkOptions(Get("--articles", 100_000), Get("--queries", 3000), Get("--seconds", 10));
    }
}
