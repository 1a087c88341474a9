using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;

namespace Portal.Modules.Knowledge.Tests;

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

    /// <param name="shippedContent">false: start on an empty content folder, so the fixtures are
    /// the only articles (for tests that compare whole lists).</param>
    public static async Task<KnowledgeTestKit> StartAsync(string provider, bool shippedContent = true)
    {
        var indexer = new RecordingIndexer();
        var app = await StartAppAsync(provider, indexer, shippedContent);
        var import = await ImportAsync(app, Fixtures);
        return new KnowledgeTestKit(app, indexer, import);
    }

    public static Task<PortalWebApp> StartAppAsync(string provider, ISearchIndexer indexer, bool shippedContent)
    {
        var settings = shippedContent ? null : new Dictionary<string, string?> { ["Portal:ContentPath"] = Directory.CreateTempSubdirectory("kb-no-content-").FullName };
        return PortalWebApp.StartAsync(provider, settings, services: s => s.AddSingleton(indexer));
    }

    /// <summary>Deletes the synonym groups a fresh install ships, for tests of a corpus and synonyms of their own.</summary>
    public static Task RemoveDefaultSynonymsAsync(PortalWebApp app) => RemoveDefaultSynonymsAsync(app.Services);

    public static async Task RemoveDefaultSynonymsAsync(IServiceProvider services)
    {
        await using (var c = await services.GetRequiredService<Portal.Modules.Core.Data.IDb>().OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(c, "DELETE FROM kb_synonyms");
        services.GetRequiredService<SynonymStore>().Invalidate();
    }

    /// <summary>Waits (at most 30 s) until /api/search says this node's index has been built.</summary>
    public static async Task WaitForSearchIndexAsync(HttpClient browser)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await browser.GetAsync("/api/search?q=x");
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("ready").GetBoolean()) return;
            Xunit.Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The search index was not built at start.");
            await Task.Delay(50);
        }
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

    /// <summary>One value read straight from the portal's database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var c = await App.Services.GetRequiredService<Portal.Modules.Core.Data.IDb>().OpenAsync();
        return (await Dapper.SqlMapper.ExecuteScalarAsync<T>(c, sql))!;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
