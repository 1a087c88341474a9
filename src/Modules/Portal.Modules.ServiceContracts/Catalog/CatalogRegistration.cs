using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Catalog;

/// <summary>The catalog's part of the module: products, installations and SLA targets.</summary>
internal static class CatalogRegistration
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<InstallationStore>();
        services.AddNavEntry(new NavEntry(NavSection.Main, "My installations", ServiceContractsModule.Name, "/Installations/Index", PortalPolicies.Customer, 60));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Product catalog", ServiceContractsModule.Name, "/Manage/Products/Index", PortalPolicies.Staff, 40));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Installed base", ServiceContractsModule.Name, "/Manage/InstalledBase/Index", PortalPolicies.Staff, 41));
        services.AddNavEntry(new NavEntry(NavSection.Admin, "SLA targets", ServiceContractsModule.Name, "/Manage/SlaTargets/Index", PortalPolicies.Admin, 40));
        return services;
    }
}
