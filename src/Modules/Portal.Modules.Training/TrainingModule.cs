using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Modules;

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
        return services;
    }
}
