using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;
using Portal.Modules.Feedback.Calendar;

namespace Portal.Modules.Feedback;

public static class FeedbackModule
{
    public const string Name = "Feedback";

    /// <summary>Problem reports, suggestions and complaints with an SLA clock in business hours,
    /// the staff queue, auto-close and the monthly bulletin.</summary>
    public static IServiceCollection AddFeedbackModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(FeedbackModule).Assembly, order: 50);
        services.AddHolidayCalendar();
        return services;
    }
}
