using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Calendar;

internal static class HolidayCalendarRegistration
{
    /// <summary>The SLA clock (IServiceClock) over the holiday calendar, its working-hours setting and the staff page.</summary>
    public static IServiceCollection AddHolidayCalendar(this IServiceCollection services)
    {
        services.AddOptions<BusinessHoursOptions>().BindConfiguration(BusinessHoursOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusinessHoursOptions>, BusinessHoursOptions.Validator>());
        services.AddSingleton<HolidayStore>();
        services.AddSingleton<ServiceClock>();
        services.AddSingleton<IServiceClock>(sp => sp.GetRequiredService<ServiceClock>());
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Holiday calendar", FeedbackModule.Name, "/Manage/Holidays/Index", PortalPolicies.Staff, 90));
        return services;
    }
}
