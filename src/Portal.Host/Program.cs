using Portal.Host;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Modules;

// `Portal.Host` serves; `Portal.Host <command> [arguments] [--options]` runs a command that a
// module contributes (HostCommand: migrate, import, reindex, …) and exits with its result.
var (command, arguments, hostArgs) = CommandLine.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);
// Run from build output (dotnet run, tests), the Razor class libraries' files (_content/Portal.Web/...)
// are served from their projects; ASP.NET Core does this by itself only in Development. A published
// app has them in its wwwroot, and this does nothing there.
if (!builder.Environment.IsDevelopment()) builder.WebHost.UseStaticWebAssets();
builder.AddPortal();
var app = builder.Build();

try
{
    if (command is null)
    {
        var import = await Startup.PrepareAsync(app.Services);
        import?.WriteReport(Console.Out);
        app.UsePortal();
        Startup.PrintWelcome(app, import);
        await app.RunAsync();
        return 0;
    }
    var commands = app.Services.GetServices<HostCommand>().ToList();
    if (commands.Find(c => c.Name == command) is not { } found)
    {
        CommandLine.PrintUsage(commands, command == "help" ? Console.Out : Console.Error);
        return command == "help" ? 0 : 64;
    }
    if (found.MigrateFirst) await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
    await using var scope = app.Services.CreateAsyncScope();
    return await found.RunAsync(new HostCommandContext(scope.ServiceProvider, arguments, Console.Out, Console.Error, CancellationToken.None));
}
catch (MigrationChecksumException ex)
{
    Console.Error.WriteLine($"Cannot start: {ex.Message}");
    return 1;
}

public partial class Program;
