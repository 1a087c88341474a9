using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Core.Modules;

/// <summary>The commands the shared kernel adds to the executable: migrate and import.</summary>
internal static class CoreHostCommands
{
    public static readonly HostCommand Migrate = new("migrate", "migrate                apply migrations and exit", async context =>
    {
        var applied = await context.Services.GetRequiredService<MigrationRunner>().MigrateAsync(context.Cancellation);
        await context.Output.WriteLineAsync($"Migrations applied: {applied}.");
        return 0;
    }, MigrateFirst: false);

    public static readonly HostCommand Import = new("import", "import <folder>        import a content folder", async context =>
    {
        if (context.Arguments.Count != 1)
        {
            await context.Errors.WriteLineAsync("Usage: Portal.Host import <folder>");
            return 2;
        }
        var folder = Path.GetFullPath(context.Arguments[0]);
        if (!Directory.Exists(folder))
        {
            await context.Errors.WriteLineAsync($"Cannot import: the content folder {folder} does not exist.");
            return 2;
        }
        var result = await context.Services.GetRequiredService<ContentImporter>().ImportAsync(folder, demo: false, context.Cancellation);
        result.WriteReport(context.Output);
        return result.Errors.Count == 0 ? 0 : 2;
    });
}
