using System.Globalization;
using Portal.Benchmarks;

// Console benchmarks, not run by dotnet test. Each prints one summary line.
//   search [--articles 100000] [--queries 3000] [--seconds 10]
//   download [--size-mb 1024]   (needs nginx and a built Portal.Host)
switch (args.FirstOrDefault())
{
    case "search":
        Console.WriteLine(await SearchBenchmark.RunAsync(BenchmarkOptions.Parse(args.Skip(1).ToArray())));
        return 0;
    case "download":
        var i = Array.IndexOf(args, "--size-mb");
        var sizeMb = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 1024;
        Console.WriteLine(await DownloadBenchmark.RunAsync(sizeMb));
        return 0;
    default:
        Console.Error.WriteLine("Usage: Portal.Benchmarks search [--articles 100000] [--queries 3000] [--seconds 10]");
        Console.Error.WriteLine("       Portal.Benchmarks download [--size-mb 1024]");
        return 64;
}
