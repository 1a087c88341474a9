using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts;
using Portal.Modules.ServiceContracts;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Knowledge;
using Portal.Modules.Notifications;
using Portal.Testing;
using Portal.Web;

namespace Portal.Modules.Downloads.Tests;

/// <summary>A service provider with the Downloads module (and the modules it asks) on a test
/// database, and a scratch content folder holding a copy of the shipped catalog.</summary>
internal sealed class DownloadsTestKit(TestDatabase database, ServiceProvider services, string content) : ModuleTestKit(database, services)
{
    /// <summary>A content folder of this test: products.yaml copied from the shipped content.</summary>
    public string Content { get; } = content;

    public static async Task<DownloadsTestKit> StartAsync(string provider, TimeProvider? clock = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var services = await TestServices.BuildAsync(database,
            (s, _) => s.AddNotificationsModule().AddAccountsModule().AddServiceContractsModule().AddKnowledgeModule().AddDownloadsModule().AddPortalWeb(), clock: clock);
        var content = Path.Combine(database.DataPath, "content");
        Directory.CreateDirectory(content);
        File.Copy(Path.Combine(RepositoryPaths.Content, "products.yaml"), Path.Combine(content, "products.yaml"));
        return new DownloadsTestKit(database, services, content);
    }

    /// <summary>Copies the shipped content/downloads into this test's content folder.</summary>
    public void CopyShippedDownloads() => CopyFolder(Path.Combine(RepositoryPaths.Content, "downloads"), Path.Combine(Content, "downloads"));

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Content, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public Task<ContentImport> ImportAsync() => Services.GetRequiredService<ContentImporter>().ImportAsync(Content, demo: false);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
