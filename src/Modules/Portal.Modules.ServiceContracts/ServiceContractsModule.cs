using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.ServiceContracts.Entitlements;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts;

public static class ServiceContractsModule
{
    public const string Name = "Contracts";

    /// <summary>The product catalog, the customers' installations, service contracts and the
    /// entitlement rules every other module asks through the requests in <c>Contracts</c>.</summary>
    public static IServiceCollection AddServiceContractsModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(ServiceContractsModule).Assembly, order: 20);
        services.AddCatalog();
        services.AddScoped<VendorDays>();
        services.AddScoped<Periods.ContractWriter>();
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Service contracts", Name, "/Manage/ServiceContracts/Index", PortalPolicies.Staff, 30));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Contracts overview", Name, "/Manage/ServiceContracts/Overview", PortalPolicies.Staff, 31));
        services.AddNavEntry(new NavEntry(NavSection.Main, "My service", Name, "/MyService/Index", PortalPolicies.Customer, 20));
        services.AddHomeTile(new HomeTile("My service", "Your service periods, days left, what is covered, and renewal requests.", "/Contracts/MyService", ForCustomers: true, Order: 10));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Renewal requests", Name, "/Manage/RenewalRequests/Index", PortalPolicies.Staff, 40));
        return services;
    }
}
