using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge;

public static class KnowledgeModule
{
    public const string Name = "Knowledge";

    /// <summary>FAQ, articles and known issues, and the full-text search index over everything a
    /// customer may look for.</summary>
    public static IServiceCollection AddKnowledgeModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(KnowledgeModule).Assembly, order: 30);
        services.AddKnowledgeSearch();
        services.AddScoped<ArticleStore>();
        services.AddScoped<RevisionQueries>();
        services.AddScoped<ArticleQueries>();
        services.AddScoped<RelatedArticles>();
        services.AddSingleton<ViewCounter>();
        services.AddSingleton<ISweep>(p => p.GetRequiredService<ViewCounter>());
        services.AddScoped<VoteStore>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<ISearchDocumentSource, ArticleSearchSource>();
        services.AddNavEntry(new NavEntry(NavSection.Main, "Knowledge base", Name, "/Index", null, 10));
        services.AddHomeTile(new HomeTile("Knowledge base", "Search FAQs, articles and known issues in Chinese or English.", "/Knowledge", Order: 20));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Knowledge articles", Name, "/Manage/Index", PortalPolicies.Staff, 50));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Search insights", Name, "/Manage/Insights", PortalPolicies.Staff, 60));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Search synonyms", Name, "/Manage/Synonyms", PortalPolicies.Staff, 61));
        services.AddSiteSearch(new SiteSearch("/Knowledge/Search", "/api/search/suggest"));
        services.AddHostCommand(new HostCommand("reindex", "reindex                rebuild this node's search index from the database",
            async context =>
            {
                try
                {
                    var documents = await context.Services.GetRequiredService<ISearchIndexMaintainer>().RebuildAsync(context.Cancellation);
                    await context.Output.WriteLineAsync($"Search index rebuilt: {documents} documents.");
                    return 0;
                }
                catch (SearchIndexLockedException ex)
                {
                    await context.Errors.WriteLineAsync($"Cannot rebuild the search index: {ex.Message}");
                    return 1;
                }
            }));
        return services;
    }
}
