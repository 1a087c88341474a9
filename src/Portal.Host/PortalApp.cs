using Portal.Modules.Accounts;
using Portal.Modules.ServiceContracts;
using Portal.Modules.Core;
using Portal.Modules.Downloads;
using Portal.Modules.Feedback;
using Portal.Modules.Training;
using Portal.Modules.Surveys;
using Portal.Modules.Knowledge;
using Portal.Modules.Notifications;
using Portal.Web;

namespace Portal.Host;

/// <summary>The composition root: every module is registered here, once.</summary>
public static class PortalApp
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalCore(builder.Configuration);
        builder.Services.AddNotificationsModule();
        builder.Services.AddAccountsModule();
        builder.Services.AddServiceContractsModule();
        builder.Services.AddKnowledgeModule();
        builder.Services.AddDownloadsModule();
        builder.Services.AddFeedbackModule();
        builder.Services.AddTrainingModule();
        builder.Services.AddSurveysModule();
        builder.Services.AddPortalWeb();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UsePortalWeb();
        app.MapGet("/healthz", HealthCheck.RespondAsync).AllowAnonymous();
        app.MapGet("/healthz/live", HealthCheck.Live).AllowAnonymous();
        return app;
    }
}
