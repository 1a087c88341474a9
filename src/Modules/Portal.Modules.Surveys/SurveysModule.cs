using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Surveys;

public static class SurveysModule
{
    public const string Name = "Surveys";

    /// <summary>Satisfaction surveys: versioned templates (sections and questions in zh and en) shipped as
    /// content and edited by staff.</summary>
    public static IServiceCollection AddSurveysModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(SurveysModule).Assembly, order: 70);
        services.AddOptions<SurveysOptions>().BindConfiguration(SurveysOptions.Section);
        services.AddScoped<SurveyTemplates.TemplateStore>();
        services.AddScoped<Invitations.InvitationStore>();
        services.AddScoped<Results.ResultsQueries>();
        services.AddScoped<Invitations.AnswerSheet>();
        services.AddHomeNotices<Invitations.OpenSurveyNotices>();
        services.AddScoped<Recording.ResponseQueries>();
        services.AddScoped<FollowUps.FollowUpClosing>();
        services.AddScoped<Campaigns.CampaignStore>();
        services.AddScoped<Campaigns.CampaignSender>();
        services.AddScoped<Campaigns.CampaignChecks>();
        services.AddNavEntry(new NavEntry(NavSection.Account, "Satisfaction results", Name, "/Results/Index", PortalPolicies.OrganisationAdmin, 6));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Survey templates", Name, "/Manage/Templates/Index", PortalPolicies.Staff, 80));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Survey results", Name, "/Manage/Results/Index", PortalPolicies.Staff, 81));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Survey responses", Name, "/Manage/Responses/Index", PortalPolicies.Staff, 82));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Survey invitations", Name, "/Manage/Invitations/Index", PortalPolicies.Staff, 83));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Survey campaigns", Name, "/Manage/Campaigns/Index", PortalPolicies.Staff, 84));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Survey follow-ups", Name, "/Manage/FollowUps/Index", PortalPolicies.Staff, 85));
        return services;
    }
}
