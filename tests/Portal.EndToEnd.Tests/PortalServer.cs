using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;

namespace Portal.EndToEnd.Tests;

/// <summary>The portal in this process on a real loopback port (Kestrel), on a fresh SQLite
/// database in demo mode, so the demo organisations and accounts of content/demo exist.</summary>
internal sealed class PortalServer : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;

    private PortalServer(TestDatabase database) => this.database = database;

    public static async Task<PortalServer> StartAsync()
    {
        var server = new PortalServer(await TestDatabase.CreateAsync("sqlite"));
        server.UseKestrel(0);
        server.StartServer();
        return server;
    }

    /// <summary>The portal's data folder (the SQLite database, files, the mail pickup folder).</summary>
    public string DataPath => database.DataPath;

    public Uri BaseAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in database.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Portal:Demo", "true");
        builder.UseSetting("Portal:ContentPath", RepositoryPaths.Content);
    }

    /// <summary>The generated password of a demo account, from &lt;data&gt;/demo-accounts.txt
    /// (one account a line: role, email, password, note).</summary>
    public string DemoPassword(string email)
    {
        var file = Path.Combine(database.DataPath, "demo-accounts.txt");
        foreach (var line in File.ReadAllLines(file))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3 && string.Equals(fields[1], email, StringComparison.OrdinalIgnoreCase)) return fields[2];
        }
        throw new InvalidOperationException($"{email} is not in {file}.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }
}
