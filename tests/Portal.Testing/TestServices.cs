using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;

namespace Portal.Testing;

/// <summary>A service provider with the portal core on a test database, plus whatever modules
/// the test registers; migrations applied. No hosted services run: tests drive the dispatcher
/// and sweeps themselves.</summary>
public static class TestServices
{
    public static async Task<ServiceProvider> BuildAsync(TestDatabase database, Action<IServiceCollection, IConfiguration>? configure = null,
        IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Settings)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPortalCore(configuration);
        if (clock is not null) services.AddSingleton(clock);
        configure?.Invoke(services, configuration);
        services.RemoveAll<IHostedService>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetRequiredService<MigrationRunner>().MigrateAsync();
        return provider;
    }

    private static void RemoveAll<T>(this IServiceCollection services)
    {
        foreach (var d in services.Where(d => d.ServiceType == typeof(T)).ToList()) services.Remove(d);
    }
}
