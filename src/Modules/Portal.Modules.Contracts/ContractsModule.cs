using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Contracts.Catalog;
using Portal.Modules.Core.Modules;

namespace Portal.Modules.Contracts;

public static class ContractsModule
{
    public const string Name = "Contracts";

    /// <summary>The product catalog, the customers' installations, service contracts and the
    /// entitlement rules every other module asks through the requests in <c>Contracts</c>.</summary>
    public static IServiceCollection AddContractsModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(ContractsModule).Assembly, order: 20);
        services.AddCatalog();
        return services;
    }
}
