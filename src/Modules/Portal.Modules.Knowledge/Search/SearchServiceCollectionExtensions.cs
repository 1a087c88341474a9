using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;

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
        services.TryAddSingleton<SearchIndexMaintainer>();
        services.TryAddSingleton<SynonymStore>();
        services.TryAddSingleton<SearchService>();
        services.TryAddSingleton<SearchLog>();
        services.AddHostedService<SearchIndexWorker>();
        services.AddHostedService<SearchLogWriter>();
        services.AddNavEntry(new NavEntry(NavSection.Main, "Search", KnowledgeModule.Name, "/Search/Index", null, 15));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Search insights", KnowledgeModule.Name, "/Search/Insights", PortalPolicies.Staff, 60));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Search synonyms", KnowledgeModule.Name, "/Search/Synonyms", PortalPolicies.Staff, 61));
        return services;
    }
}
