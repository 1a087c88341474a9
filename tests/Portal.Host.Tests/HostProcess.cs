using System.Diagnostics;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>Runs the built Portal.Host.dll (copied next to the tests) as its own process against a
/// test database, the way an operator runs it.</summary>
internal static class HostProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
    }

    public static Task<Result> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync(database, new Dictionary<string, string?>(), args);

    /// <param name="settings">Configuration keys (e.g. Search:Engine) added to the database's.</param>
    public static async Task<Result> RunAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Host.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in database.Settings.Concat(settings)) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Portal__Demo"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {DotnetHost}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Portal.Host {string.Join(' ', args)} was still running after 60 s.");
        }
        return new Result(process.ExitCode, await output, await errors);
    }

    /// <summary>The dotnet executable running these tests, else the one on PATH.</summary>
    internal static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
