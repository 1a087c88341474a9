using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;

namespace Portal.Modules.Knowledge.Tests;

/// <summary>Records the keys the knowledge module reports to the search index.</summary>
internal sealed class RecordingIndexer : ISearchIndexer
{
    public ConcurrentQueue<string> Keys { get; } = new();

    public void Changed(string key) => Keys.Enqueue(key);
}

/// <summary>A portal with the fixture articles imported, and signed-in browsers per role.</summary>
internal sealed class KnowledgeTestKit : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private KnowledgeTestKit(PortalWebApp app, RecordingIndexer indexer, ContentImport import)
    {
        App = app;
        Indexer = indexer;
        Import = import;
    }

    public PortalWebApp App { get; }
    public RecordingIndexer Indexer { get; }
    public ContentImport Import { get; }

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static async Task<KnowledgeTestKit> StartAsync(string provider)
    {
        var indexer = new RecordingIndexer();
        var app = await PortalWebApp.StartAsync(provider, services: s => s.AddSingleton<ISearchIndexer>(indexer));
        var import = await ImportAsync(app, Fixtures);
        return new KnowledgeTestKit(app, indexer, import);
    }

    public static Task<ContentImport> ImportAsync(PortalWebApp app, string folder) =>
        app.Services.GetRequiredService<ContentImporter>().ImportAsync(folder, demo: false);

    public async Task<HttpClient> CustomerAsync()
    {
        var org = await App.CreateOrganisationAsync("ACME" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), "Acme");
        var email = $"c{Guid.NewGuid():N}@acme.example";
        await App.CreateUserAsync(email, Password, PortalRoles.Customer, org);
        return await App.SignInAsync(email, Password);
    }

    public async Task<HttpClient> StaffAsync(string name = "staff")
    {
        var email = $"{name}{Guid.NewGuid():N}@portal.example";
        await App.CreateUserAsync(email, Password, PortalRoles.Staff);
        return await App.SignInAsync(email, Password);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
