using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Knowledge.Search;

internal static class SearchServiceCollectionExtensions
{
    /// <summary>The per-node search index, its upkeep and the search service.</summary>
    public static IServiceCollection AddKnowledgeSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
        services.TryAddSingleton<SearchIndexer>();
        services.TryAddSingleton<ISearchIndexer>(p => p.GetRequiredService<SearchIndexer>());
        services.TryAddSingleton<LuceneIndex>();
        services.TryAddSingleton<LuceneIndexMaintainer>();
        services.TryAddSingleton<ISearchIndexMaintainer>(p => p.GetRequiredService<LuceneIndexMaintainer>());
        services.TryAddSingleton<LuceneSearchEngine>();
        services.TryAddSingleton<SynonymStore>();
        services.TryAddSingleton<SearchService>();
        services.TryAddSingleton<SearchLog>();
        services.AddHostedService<SearchIndexWorker>();
        services.AddHostedService<SearchLogWriter>();
        return services;
    }
}
