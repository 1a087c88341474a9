using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Modules.Notifications.Tests;

/// <summary>A real SMTP server for one test: Python's aiosmtpd storing what it receives in a
/// Maildir. Without python3/aiosmtpd the test returns early, or fails when PORTAL_TEST_STRICT=1.</summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Process process;

    private SmtpTestServer(Process process, int port, string maildir)
    {
        this.process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static string Python => Environment.GetEnvironmentVariable("PORTAL_TEST_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>Null when aiosmtpd is not available and the run is not strict.</summary>
    public static async Task<SmtpTestServer?> StartAsync(string maildir, ITestOutputHelper output)
    {
        if (await AvailabilityProblemAsync() is { } problem)
        {
            Assert.False(TestDatabase.Strict, $"PORTAL_TEST_STRICT=1 but the SMTP test server cannot run: {problem}");
            output.WriteLine($"Not run: {problem} (install python3-aiosmtpd or set PORTAL_TEST_PYTHON).");
            return null;
        }
        var port = FreePort();
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var server = new SmtpTestServer(process, port, maildir);
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await server.AcceptsConnectionsAsync())
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            if (DateTime.UtcNow > until)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"aiosmtpd did not listen on port {port} within 15 seconds.");
            }
            await Task.Delay(100);
        }
        return server;
    }

    public IReadOnlyList<string> ReceivedFiles()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    /// <summary>A loopback port nobody listens on (at the moment of asking).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<string?> AvailabilityProblemAsync()
    {
        if (!File.Exists(Python)) return $"{Python} does not exist";
        var check = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "import aiosmtpd" }) check.ArgumentList.Add(arg);
        using var process = Process.Start(check)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? null : $"{Python} cannot import aiosmtpd: {error.Trim()}";
    }
}
