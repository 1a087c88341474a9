using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Contracts;

public static class ContractsModule
{
    public const string Name = "Contracts";

    /// <summary>The product catalog, the customers' installations, service contracts and the
    /// entitlement rules every other module asks through the requests in <c>Contracts</c>.</summary>
    public static IServiceCollection AddContractsModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(ContractsModule).Assembly, order: 20);
        services.AddNavEntry(new NavEntry(NavSection.Main, "My service", Name, "/MyService/Index", PortalPolicies.Customer, 20));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Renewal requests", Name, "/RenewalRequests/Index", PortalPolicies.Staff, 40));
        return services;
    }
}
