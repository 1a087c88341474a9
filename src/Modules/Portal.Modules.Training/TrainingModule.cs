using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Training;

public static class TrainingModule
{
    public const string Name = "Training";

    /// <summary>Courses, sessions and their calendar, enrollment with a waitlist and the free trainings of
    /// the service contract, attendance and certificates.</summary>
    public static IServiceCollection AddTrainingModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(TrainingModule).Assembly, order: 60);
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section);
        services.AddScoped<Courses.CourseStore>();
        services.AddScoped<Sessions.SessionStore>();
        services.AddScoped<Materials.MaterialStore>();
        services.AddScoped<Materials.MaterialAccess>();
        services.AddScoped<Sessions.ISessionSeats, Enrollments.EnrolledSeats>();
        services.AddHomeTile(new HomeTile("Training", "Course calendar: central training, on-site training and topic sessions.", "/Training", ForCustomers: true, Order: 40));
        services.AddNavEntry(new NavEntry(NavSection.Main, "Training", Name, "/Index", null, 30));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Courses", Name, "/Manage/Courses/Index", PortalPolicies.Staff, 70));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Sessions", Name, "/Manage/Index", PortalPolicies.Staff, 71));
        services.AddScoped<Enrollments.EnrollmentWorkflow>();
        services.AddScoped<Enrollments.EnrollmentEmails>();
        services.AddScoped<Enrollments.SessionCalendar>();
        services.AddScoped<Calendars.SessionNotices>();
        services.AddScoped<Calendars.FeedTokens>();
        services.AddScoped<Calendars.PersonalFeed>();
        // In the account menu: the main bar already holds the calendar and wraps with one entry more.
        services.AddNavEntry(new NavEntry(NavSection.Account, "My trainings", Name, "/Mine", PortalPolicies.Customer, 5));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Paid training requests", Name, "/Manage/Requests", PortalPolicies.Staff, 60));
        services.AddScoped<Attendance.AttendanceWorkflow>();
        services.AddScoped<Certificates.CertificateStore>();
        services.AddScoped<Certificates.CertificatePdf>();
        services.AddScoped<Certificates.CertificateLinks>();
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Certificates", Name, "/Manage/Certificates", PortalPolicies.Staff, 72));
        services.AddScoped<Reports.TrainingReports>();
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Training reports", Name, "/Manage/Reports/Index", PortalPolicies.Staff, 74));
        return services;
    }
}
