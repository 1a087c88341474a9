using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;
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
        return services;
    }
}
