using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Knowledge.Search;

internal static class SearchServiceCollectionExtensions
{
    /// <summary>The per-node search index, its upkeep and the search service.</summary>
    public static IServiceCollection AddKnowledgeSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
        services.TryAddSingleton<IndexStore>();
        services.TryAddSingleton<SearchIndexer>();
        services.TryAddSingleton<ISearchIndexer>(p => p.GetRequiredService<SearchIndexer>());
        services.TryAddSingleton<Fts5IndexMaintainer>();
        services.TryAddSingleton<Fts5SearchEngine>();
        services.TryAddSingleton<LuceneIndex>();
        services.TryAddSingleton<LuceneIndexMaintainer>();
        services.TryAddSingleton<LuceneSearchEngine>();
        // Only the chosen engine is created: the other one opens no files.
        services.TryAddSingleton<ISearchIndexMaintainer>(p => IsLucene(p)
            ? p.GetRequiredService<LuceneIndexMaintainer>() : p.GetRequiredService<Fts5IndexMaintainer>());
        services.TryAddSingleton<ISearchEngine>(p => IsLucene(p)
            ? p.GetRequiredService<LuceneSearchEngine>() : p.GetRequiredService<Fts5SearchEngine>());
        services.TryAddSingleton<SynonymStore>();
        services.TryAddSingleton<SearchService>();
        services.TryAddSingleton<SearchLog>();
        services.AddHostedService<SearchIndexWorker>();
        services.AddHostedService<SearchLogWriter>();
        return services;
    }

    private static bool IsLucene(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SearchOptions>>().Value.Engine == SearchEngineKind.Lucene;
}
