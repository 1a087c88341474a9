using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;

namespace Portal.Modules.Downloads;

public static class DownloadsModule
{
    public const string Name = "Downloads";

    /// <summary>Patches, upgrade packages, tools, manuals and media: the download centre, serving
    /// gated by the service contract (Contracts' CanDownload) and staff publishing.</summary>
    public static IServiceCollection AddDownloadsModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(DownloadsModule).Assembly, order: 40);
        services.AddOptions<DownloadsOptions>().BindConfiguration(DownloadsOptions.Section);
        services.AddScoped<ReleaseStore>();
        services.AddScoped<ReleaseQueries>();
        services.AddScoped<Access.ReleaseAccess>();
        services.AddScoped<Knowledge.Contracts.ISearchDocumentSource, Search.ReleaseSearchSource>();
        services.AddSingleton<Serving.DownloadLog>();
        services.AddNavEntry(new NavEntry(NavSection.Main, "Download centre", Name, "/Index", null, 15));
        services.AddHomeTile(new HomeTile("Downloads", "Patches, upgrade packages, tools and manuals covered by your service contract.", "/Downloads", Order: 30));
        services.AddNavEntry(new NavEntry(NavSection.Main, "My updates", Name, "/Updates", PortalPolicies.Customer, 16));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Releases", Name, "/Manage/Index", PortalPolicies.Staff, 60));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Download report", Name, "/Manage/Report", PortalPolicies.Staff, 61));
        return services;
    }
}
