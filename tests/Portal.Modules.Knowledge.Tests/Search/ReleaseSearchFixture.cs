using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts;
using Portal.Modules.Downloads;
using Portal.Modules.Downloads.Releases;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.Knowledge.Search;
using Portal.Modules.Notifications;
using Portal.Modules.ServiceContracts;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Testing;
using Portal.Web;
using Xunit;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>Knowledge's search with the Downloads module as a document source, on the Lucene engine:
/// releases are written through Downloads' own store, as staff publish them.</summary>
internal sealed class ReleaseSearchFixture(TestDatabase database, ServiceProvider services) : ModuleTestKit(database, services)
{
    public SearchService Search => Services.GetRequiredService<SearchService>();

    public ISearchIndexMaintainer Maintainer => Services.GetRequiredService<ISearchIndexMaintainer>();

    public static async Task<ReleaseSearchFixture> CreateAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var services = await TestServices.BuildAsync(database,
            (s, _) => s.AddNotificationsModule().AddAccountsModule().AddServiceContractsModule().AddKnowledgeModule().AddDownloadsModule().AddPortalWeb(),
            null);
        var fixture = new ReleaseSearchFixture(database, services);
        // Only the releases' own words count, not the synonym groups a fresh install ships.
        await KnowledgeTestKit.RemoveDefaultSynonymsAsync(services);
        await fixture.Maintainer.EnsureCurrentAsync(CancellationToken.None);
        return fixture;
    }

    public static ReleaseInput Patch(string version, string titleZh, string titleEn, string notesZh, string notesEn, bool isPublic,
        string severity = "critical", string product = "ERP") =>
        new(product, ProductVersion.TryParse(version, out var v) ? v : throw new ArgumentException(version), "patch",
            titleZh, titleEn, notesZh, notesEn, severity, "*", isPublic);

    public async Task<T> StoreAsync<T>(Func<ReleaseStore, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReleaseStore>());
    }

    public async Task<long> PublishAsync(ReleaseInput input)
    {
        var id = await StoreAsync(s => s.CreateAsync(input, null, null, CancellationToken.None));
        Assert.True(await StoreAsync(s => s.PublishAsync(id, null, notify: false, null, CancellationToken.None)));
        return id;
    }

    /// <summary>The Downloads module's document source (its type is internal to Downloads).</summary>
    public async Task<T> ReleaseSourceAsync<T>(Func<ISearchDocumentSource, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetServices<ISearchDocumentSource>().Single(s => s.GetType().Name == "ReleaseSearchSource"));
    }

    public Task<SearchResult> FindAsync(string query, SearchViewer viewer, string? type = null) =>
        Search.SearchAsync(new SearchRequest(query, viewer, type), CancellationToken.None);
}
