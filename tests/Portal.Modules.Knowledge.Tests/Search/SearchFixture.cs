using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>The Knowledge module's search on a test database with an in-memory source.</summary>
internal sealed class SearchFixture(TestDatabase database, ServiceProvider services, FakeSearchSource source) : ModuleTestKit(database, services)
{
    public FakeSearchSource Source { get; } = source;

    public SearchService Search => Services.GetRequiredService<SearchService>();

    public ISearchIndexMaintainer Maintainer => Services.GetRequiredService<ISearchIndexMaintainer>();

    public ISearchIndexer Indexer => Services.GetRequiredService<ISearchIndexer>();

    public static async Task<SearchFixture> CreateAsync(string provider, params SearchDocument[] documents)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var source = new FakeSearchSource();
        foreach (var d in documents) source.Put(d);
        var services = await TestServices.BuildAsync(database, (s, _) =>
        {
            s.AddKnowledgeModule();
            s.AddSingleton<ISearchDocumentSource>(source);
        });
        var fixture = new SearchFixture(database, services, source);
        // Only this test's documents and synonyms count, not the groups a fresh install ships.
        await KnowledgeTestKit.RemoveDefaultSynonymsAsync(services);
        await fixture.Maintainer.EnsureCurrentAsync(CancellationToken.None);
        return fixture;
    }

    public Task<SearchResult> FindAsync(string query, SearchViewer? viewer = null, string? type = null, string? lang = null,
        string? product = null, SearchSort sort = SearchSort.Relevance, int page = 1) =>
        Search.SearchAsync(new SearchRequest(query, viewer ?? SearchViewer.Staff, type, product, lang, Page: page, Sort: sort), CancellationToken.None);
}
