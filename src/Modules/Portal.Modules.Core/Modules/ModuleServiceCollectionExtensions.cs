using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Content;

namespace Portal.Modules.Core.Modules;

public static class ModuleServiceCollectionExtensions
{
    /// <summary>Registers a module: its descriptor (migrations are found through it), every
    /// MediatR request and notification handler of its assembly, and its content importers and
    /// sweeps. Module-specific services are added by the module's own AddXxxModule.</summary>
    public static IServiceCollection AddPortalModule(this IServiceCollection services, string name, Assembly assembly, int order)
    {
        if (services.Any(d => d.ServiceType == typeof(PortalModule) && d.ImplementationInstance is PortalModule m && m.Name == name))
            return services;
        services.AddSingleton(new PortalModule(name, assembly, order));
        RegisterHandlers(services, assembly);
        foreach (var type in ConcreteTypes(assembly))
        {
            if (typeof(ISweep).IsAssignableFrom(type))
                services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(ISweep), type));
            if (typeof(IContentImporter).IsAssignableFrom(type))
                services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IContentImporter), type));
        }
        return services;
    }

    public static IServiceCollection AddNavEntry(this IServiceCollection services, NavEntry entry) =>
        services.AddSingleton(entry);

    public static IServiceCollection AddHomeTile(this IServiceCollection services, HomeTile tile) =>
        services.AddSingleton(tile);

    public static IServiceCollection AddHomeNotices<T>(this IServiceCollection services) where T : class, IHomeNotices
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IHomeNotices, T>());
        return services;
    }

    public static IServiceCollection AddSiteSearch(this IServiceCollection services, SiteSearch search) =>
        services.AddSingleton(search);

    public static IServiceCollection AddHostCommand(this IServiceCollection services, HostCommand command) =>
        services.AddSingleton(command);

    private static void RegisterHandlers(IServiceCollection services, Assembly assembly)
    {
        var open = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>) };
        foreach (var type in ConcreteTypes(assembly))
        {
            foreach (var itf in type.GetInterfaces().Where(i => i.IsGenericType && open.Contains(i.GetGenericTypeDefinition())))
            {
                if (itf.GetGenericTypeDefinition() == typeof(INotificationHandler<>))
                    services.TryAddEnumerable(ServiceDescriptor.Scoped(itf, type));
                else
                    services.TryAddScoped(itf, type);
            }
        }
    }

    private static IEnumerable<Type> ConcreteTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false });
}
