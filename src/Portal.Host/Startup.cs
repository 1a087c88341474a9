using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;

namespace Portal.Host;

/// <summary>What happens before the portal serves: migrations, and on a new database the
/// content import (with demo accounts in demo mode).</summary>
internal static class Startup
{
    public const string DemoAccountsFile = "demo-accounts.txt";

    /// <summary>Applies migrations; on a database that had none applied yet, imports the content
    /// folder. Returns the import, or null when nothing was imported.</summary>
    public static async Task<ContentImport?> PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var runner = services.GetRequiredService<MigrationRunner>();
        var fresh = await runner.IsFreshAsync(ct);
        await runner.MigrateAsync(ct);
        if (!fresh) return null;
        var portal = services.GetRequiredService<IOptions<PortalOptions>>().Value;
        var folder = ContentFolder.Find(services.GetRequiredService<IConfiguration>());
        if (folder is null) return null;
        return await services.GetRequiredService<ContentImporter>().ImportAsync(folder, portal.Demo, ct);
    }

    public static void PrintWelcome(WebApplication app, ContentImport? import)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var portal = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
            Console.WriteLine();
            Console.WriteLine($"Portal is running: {string.Join(", ", addresses)}");
            Console.WriteLine($"Data folder: {portal.FullDataPath}");
            var demo = Path.Combine(portal.FullDataPath, DemoAccountsFile);
            if (import is not null && import.Counts.ContainsKey("demo accounts") && File.Exists(demo))
            {
                Console.WriteLine("Demo accounts (shown once; also in " + demo + "):");
                Console.WriteLine(File.ReadAllText(demo));
                Console.WriteLine("Staff and admin accounts set up two-factor authentication (an authenticator app) at their first sign-in.");
            }
            else if (File.Exists(demo))
            {
                Console.WriteLine($"Demo accounts: see {demo}");
            }
            Console.WriteLine("Press Ctrl+C to stop.");
        });
    }
}

internal static class ContentFolder
{
    /// <summary>Portal:ContentPath, else a "content" folder in the working directory or above
    /// the executable (so `dotnet run --project src/Portal.Host` finds the repository's).</summary>
    public static string? Find(IConfiguration configuration)
    {
        var configured = configuration["Portal:ContentPath"];
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "content");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return candidate;
            }
        }
        return null;
    }
}
