using Portal.Host;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Modules;

// Commands: (none) serve; "migrate" applies migrations and exits; "import <folder>" imports a
// content folder and exits with counts and per-file errors; modules add more (HostCommand), such
// as "reindex".
var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0].ToLowerInvariant() : null;
var hostArgs = command is null ? args : args.Skip(command == "import" ? 2 : 1).ToArray();

var builder = WebApplication.CreateBuilder(hostArgs);
// Run from build output (dotnet run, tests), the Razor class libraries' files (_content/Portal.Web/...)
// are served from their projects; ASP.NET Core does this by itself only in Development. A published
// app has them in its wwwroot, and this does nothing there.
if (!builder.Environment.IsDevelopment()) builder.WebHost.UseStaticWebAssets();
builder.AddPortal();
var app = builder.Build();

try
{
    switch (command)
    {
        case null:
            var import = await Startup.PrepareAsync(app.Services);
            if (import is not null) Startup.Report(import, Console.Out);
            app.UsePortal();
            Startup.PrintWelcome(app, import);
            await app.RunAsync();
            return 0;
        case "migrate":
            var applied = await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
            Console.WriteLine($"Migrations applied: {applied}.");
            return 0;
        case "import" when args.Length >= 2:
            var folder = Path.GetFullPath(args[1]);
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine($"Cannot import: the content folder {folder} does not exist.");
                return 2;
            }
            await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
            var result = await app.Services.GetRequiredService<ContentImporter>().ImportAsync(folder, demo: false);
            Startup.Report(result, Console.Out);
            return result.Errors.Count == 0 ? 0 : 2;
        default:
            var commands = app.Services.GetServices<HostCommand>().ToList();
            if (commands.Find(c => c.Name == command) is { } contributed)
            {
                await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
                await using var scope = app.Services.CreateAsyncScope();
                return await contributed.RunAsync(scope.ServiceProvider, Console.Out, CancellationToken.None);
            }
            Console.Error.WriteLine("Usage: Portal.Host [command] [--urls http://host:port]");
            Console.Error.WriteLine("  (none)                 serve the portal");
            Console.Error.WriteLine("  migrate                apply migrations and exit");
            Console.Error.WriteLine("  import <folder>        import a content folder");
            foreach (var c in commands) Console.Error.WriteLine("  " + c.Usage);
            return 64;
    }
}
catch (MigrationChecksumException ex)
{
    Console.Error.WriteLine($"Cannot start: {ex.Message}");
    return 1;
}
public partial class Program;
