using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portal.Benchmarks;

/// <summary>Folders of the source checkout the benchmark runs from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the configuration this benchmark was built in, used for Portal.Host too.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from the source checkout (no Portal.sln above it).");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForAsync(string url, Process process, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode}.");
            try
            {
                using var response = await client.GetAsync(url);
                return;
            }
            catch (HttpRequestException) when (watch.Elapsed < timeout)
            {
                await Task.Delay(200);
            }
        }
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}

/// <summary>The built Portal.Host (same configuration as the benchmark) on its own port and data folder.</summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;

    private PortalProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<PortalProcess> StartAsync(string dataPath, string contentPath)
    {
        var host = Path.Combine(Repository.Root, "src", "Portal.Host", "bin", Repository.Configuration, "net10.0", "Portal.Host.dll");
        if (!File.Exists(host)) throw new InvalidOperationException($"{host} is missing: build the solution first.");
        var url = $"http://127.0.0.1:{Repository.FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(host)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(host);
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["Portal__DataPath"] = dataPath;
        start.Environment["Portal__ContentPath"] = contentPath;
        start.Environment["Portal__Demo"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Start-up imports the content, the benchmark file included.
            await Repository.WaitForAsync(url + "/", process, TimeSpan.FromMinutes(5));
        }
        catch
        {
            Repository.Stop(process);
            throw;
        }
        return new PortalProcess(process, url);
    }

    /// <summary>The highest resident memory of the portal process so far (VmHWM), in MiB.</summary>
    public long PeakRssMb()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public ValueTask DisposeAsync()
    {
        Repository.Stop(process);
        return ValueTask.CompletedTask;
    }
}

/// <summary>nginx serving one folder on a loopback port, with a throwaway configuration.</summary>
internal sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process process;

    private readonly string nginx;
    private readonly string prefix;
    private readonly string config;

    private NginxProcess(Process process, string baseUrl, string nginx, string prefix, string config)
    {
        this.process = process;
        BaseUrl = baseUrl;
        this.nginx = nginx;
        this.prefix = prefix;
        this.config = config;
    }

    public string BaseUrl { get; }

    public static async Task<NginxProcess> StartAsync(string nginx, string prefix, string root)
    {
        Directory.CreateDirectory(prefix);
        var port = Repository.FreePort();
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            daemon off;
            worker_processes auto;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                sendfile on;
                tcp_nopush on;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                types { application/octet-stream bin; }
                server {
                    listen 127.0.0.1:{{port}};
                    root {{root}};
                }
            }
            """);
        var process = Process.Start(Command(nginx, prefix, config))!;
        var url = $"http://127.0.0.1:{port}";
        try
        {
            await Repository.WaitForAsync(url + "/", process, TimeSpan.FromSeconds(30));
        }
        catch
        {
            Repository.Stop(process);
            throw;
        }
        return new NginxProcess(process, url, nginx, prefix, config);
    }

    private static ProcessStartInfo Command(string nginx, string prefix, string config, params string[] extra)
    {
        var start = new ProcessStartInfo(nginx) { RedirectStandardError = true };
        foreach (var arg in new[] { "-p", prefix, "-c", config }.Concat(extra)) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>Asks the master to stop its workers (killing it would leave them behind).</summary>
    public async ValueTask DisposeAsync()
    {
        using (var stop = Process.Start(Command(nginx, prefix, config, "-s", "stop"))!) await stop.WaitForExitAsync();
        if (!process.WaitForExit(10_000)) Repository.Stop(process);
        else process.Dispose();
    }
}
