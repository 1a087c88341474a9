using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>A real HAProxy in front of a real portal process, both on loopback. HAProxy connects to
/// the portal from <see cref="ProxyAddress"/> (a loopback alias), adds X-Forwarded-For and sets
/// X-Forwarded-Proto: https, as a TLS-terminating proxy does. <see cref="Client"/> makes browsers
/// that connect from an address of their choice, so the portal can tell client from proxy.</summary>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/haproxy";
    public static readonly IPAddress ProxyAddress = IPAddress.Parse("127.0.0.2");

    private readonly List<Process> processes = [];
    private readonly string folder;

    private HaproxyProcess(string folder, int frontendPort)
    {
        this.folder = folder;
        FrontendPort = frontendPort;
    }

    public int FrontendPort { get; }

    /// <summary>False (test returns early) when HAProxy is missing; under PORTAL_TEST_STRICT=1 that fails the test.</summary>
    public static bool Available()
    {
        if (File.Exists(Executable)) return true;
        Assert.False(TestDatabase.Strict, $"PORTAL_TEST_STRICT=1 but {Executable} is missing (apt-get install haproxy).");
        return false;
    }

    /// <summary>Starts the portal on <paramref name="database"/> with <paramref name="settings"/>, and HAProxy in front.</summary>
    public static async Task<HaproxyProcess> StartAsync(TestDatabase database, IDictionary<string, string?> settings)
    {
        var folder = Path.Combine(database.DataPath, "haproxy");
        Directory.CreateDirectory(folder);
        var portalPort = FreePort();
        var frontendPort = FreePort();
        var proxy = new HaproxyProcess(folder, frontendPort);
        try
        {
            proxy.processes.Add(StartPortal(database, settings, portalPort));
            await WaitUntilServingAsync($"http://127.0.0.1:{portalPort}/healthz", proxy.processes[0]);

            var config = Path.Combine(folder, "haproxy.cfg");
            await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
                global
                    maxconn 64
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend portal_front
                    bind 127.0.0.1:{frontendPort}
                    option forwardfor
                    http-request set-header X-Forwarded-Proto https
                    default_backend portal_back
                backend portal_back
                    server portal 127.0.0.1:{portalPort} source {ProxyAddress}

                """));
            var start = new ProcessStartInfo(Executable) { UseShellExecute = false };
            foreach (var arg in new[] { "-f", config, "-db" }) start.ArgumentList.Add(arg);
            var haproxy = Process.Start(start) ?? throw new InvalidOperationException("Could not start HAProxy.");
            proxy.processes.Add(haproxy);
            await WaitUntilServingAsync($"http://127.0.0.1:{frontendPort}/healthz", haproxy);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client (no automatic redirects, no cookie jar: the caller sends cookies itself, as a
    /// jar would not send Secure ones over this plain-http hop) that reaches the portal through HAProxy
    /// from the loopback address <paramref name="from"/>.</summary>
    public HttpClient Client(string from)
    {
        var source = IPAddress.Parse(from);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{FrontendPort}") };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(processes))
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static Process StartPortal(TestDatabase database, IDictionary<string, string?> settings, int port)
    {
        var start = new ProcessStartInfo(HostProcess.DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in database.Settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Portal__Demo"] = "false";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Portal.Host.");
        // Drain the output so the process never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(string url, Process process)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"{process.StartInfo.FileName} exited with {(process.HasExited ? process.ExitCode : 0)} before serving {url}.");
            try
            {
                if ((await client.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        Assert.Fail($"Nothing served {url} within 90 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
