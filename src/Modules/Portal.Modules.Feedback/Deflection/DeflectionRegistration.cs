using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Feedback.Deflection;

internal static class DeflectionRegistration
{
    /// <summary>Knowledge suggestions on the new-request form, their counting and the staff report.</summary>
    public static IServiceCollection AddDeflection(this IServiceCollection services)
    {
        services.AddScoped<DeflectionSessions>();
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Self-service deflection", FeedbackModule.Name, "/Manage/Deflection", PortalPolicies.Staff, 91));
        return services;
    }
}
