using Portal.Benchmarks;

// Console benchmarks, not run by dotnet test. Usage: search [--articles N] [--queries N] [--seconds S]
if (args.Length == 0 || args[0] != "search")
{
    Console.Error.WriteLine("Usage: Portal.Benchmarks search [--articles 100000] [--queries 3000] [--seconds 10]");
    return 64;
}
var options = BenchmarkOptions.Parse(args.Skip(1).ToArray());
Console.WriteLine(await SearchBenchmark.RunAsync(options));
return 0;
