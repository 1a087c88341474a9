using Microsoft.Extensions.DependencyInjection;

namespace Portal.Modules.Feedback.Bulletins;

internal static class BulletinRegistration
{
    /// <summary>The monthly bulletin: building it, sending it once, and its pages (the sweep and handlers are found by scanning).</summary>
    public static IServiceCollection AddBulletins(this IServiceCollection services)
    {
        services.AddScoped<BulletinQueries>();
        services.AddScoped<BulletinEmails>();
        services.AddScoped<BulletinSender>();
        return services;
    }
}
