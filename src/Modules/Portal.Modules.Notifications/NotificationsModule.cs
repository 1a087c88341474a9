using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;

namespace Portal.Modules.Notifications;

public static class NotificationsModule
{
    public const string Name = "Notifications";

    public static IServiceCollection AddNotificationsModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(NotificationsModule).Assembly, order: 5);
        return services;
    }
}
