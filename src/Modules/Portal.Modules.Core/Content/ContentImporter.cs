using Microsoft.Extensions.DependencyInjection;

namespace Portal.Modules.Core.Content;

/// <summary>Runs every module's importer over one folder, then lists the files none of them read.</summary>
public sealed class ContentImporter(IServiceScopeFactory scopes)
{
    public async Task<ContentImport> ImportAsync(string folder, bool demo, CancellationToken ct = default)
    {
        var import = new ContentImport(folder, demo);
        if (!Directory.Exists(import.Folder))
        {
            import.Error(import.Folder, null, "folder not found");
            return import;
        }
        await using var scope = scopes.CreateAsyncScope();
        foreach (var importer in scope.ServiceProvider.GetServices<IContentImporter>().OrderBy(i => i.Order))
            await importer.ImportAsync(import, ct);
        import.ListUnread();
        return import;
    }
}
