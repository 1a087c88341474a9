using System.Globalization;
using Portal.Benchmarks;

// Console benchmarks, not run by dotnet test. Each prints one summary line.
//   search [--articles 100000] [--queries 3000] [--seconds 10]
//   download [--size-mb 1024]   (needs nginx and a built Portal.Host)
//   feedback [--requests 100000] [--organisations 500] [--provider sqlite|postgres]   (postgres: PORTAL_TEST_POSTGRES)
//   training [--sessions 2000] [--enrollments 50000] [--provider sqlite|postgres]
//   surveys [--responses 200000] [--provider sqlite|postgres]
switch (args.FirstOrDefault())
{
    case "search":
        var searchOptions = BenchmarkOptions.Parse(args.Skip(1).ToArray());
        Console.WriteLine(await SearchBenchmark.RunAsync(searchOptions));
        return 0;
    case "download":
        var i = Array.IndexOf(args, "--size-mb");
        var sizeMb = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 1024;
        Console.WriteLine(await DownloadBenchmark.RunAsync(sizeMb));
        return 0;
    case "feedback":
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        Console.WriteLine(await FeedbackBenchmark.RunAsync(int.Parse(Arg("--requests", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--organisations", "500"), CultureInfo.InvariantCulture), Arg("--provider", "sqlite")));
        return 0;
    case "training":
        string Option(string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        Console.WriteLine(await TrainingBenchmark.RunAsync(int.Parse(Option("--sessions", "2000"), CultureInfo.InvariantCulture),
            int.Parse(Option("--enrollments", "50000"), CultureInfo.InvariantCulture), Option("--provider", "sqlite")));
        return 0;
    case "surveys":
        string Flag(string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        Console.WriteLine(await SurveysBenchmark.RunAsync(int.Parse(Flag("--responses", "200000"), CultureInfo.InvariantCulture), Flag("--provider", "sqlite")));
        return 0;
    default:
        Console.Error.WriteLine("Usage: Portal.Benchmarks search [--articles 100000] [--queries 3000] [--seconds 10]");
        Console.Error.WriteLine("       Portal.Benchmarks download [--size-mb 1024]");
        Console.Error.WriteLine("       Portal.Benchmarks feedback [--requests 100000] [--organisations 500] [--provider sqlite|postgres]");
        Console.Error.WriteLine("       Portal.Benchmarks training [--sessions 2000] [--enrollments 50000] [--provider sqlite|postgres]");
        Console.Error.WriteLine("       Portal.Benchmarks surveys [--responses 200000] [--provider sqlite|postgres]");
        return 64;
}
