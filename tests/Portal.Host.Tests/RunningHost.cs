using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Portal.Testing;

namespace Portal.Host.Tests;

/// <summary>Portal.Host.dll serving on a free local port as its own process (as <see cref="HostProcess"/>
/// runs commands), so a test can kill it for real.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private RunningHost(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => process.Id;

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    /// <summary>Starts the host on the database and data folder of <paramref name="database"/> and
    /// waits until /healthz answers 200.</summary>
    public static async Task<RunningHost> StartAsync(TestDatabase database, IDictionary<string, string> settings, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo(HostProcess.DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var (key, value) in database.Settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Portal__Demo"] = "false";
        start.Environment["Portal__BaseUrl"] = address.ToString().TrimEnd('/');
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {HostProcess.DotnetHost}.");
        var host = new RunningHost(process, address);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Portal.Host exited with {process.ExitCode}:\n{host.Log}");
            try
            {
                if ((await http.GetAsync(new Uri(address, "/healthz"))).StatusCode == HttpStatusCode.OK) return host;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > until)
            {
                await host.DisposeAsync();
                throw new TimeoutException($"Portal.Host did not answer /healthz within 60 s:\n{host.Log}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL on Linux: no shutdown hook, no finally block runs in the process.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
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

    private void Append(string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
