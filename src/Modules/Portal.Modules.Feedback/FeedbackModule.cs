using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;
using Portal.Modules.Feedback.Calendar;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Attachments;
using Portal.Modules.Feedback.Deflection;
using Portal.Modules.Feedback.Bulletins;
using Portal.Modules.Feedback.Requests;

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
        services.AddDeflection();
        services.AddBulletins();
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section);
        services.AddScoped<RequestQueries>();
        services.AddScoped<RequestWorkflow>();
        services.AddScoped<RequestEmails>();
        services.AddScoped<AttachmentStager>();
        services.AddScoped<Team.TeamDirectory>();
        services.AddScoped<Articles.ArticleLinks>();
        services.AddScoped<Sla.SlaWarningEmails>();
        services.AddHomeTile(new HomeTile("Problems and suggestions", "Report a problem, make a suggestion or a complaint, and follow its progress.", "/Feedback", ForCustomers: true, Order: 20));
        services.AddNavEntry(new NavEntry(NavSection.Main, "My requests", Name, "/Index", PortalPolicies.Customer, 20));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Requests", Name, "/Manage/Index", PortalPolicies.Staff, 10));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "SLA compliance", Name, "/Manage/Compliance/Index", PortalPolicies.Staff, 80));
        return services;
    }
}
