using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Outbox;

namespace Portal.Modules.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The shared kernel: options, the database, migrations, the outbox, the mediator and
    /// the background worker.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypeHandlers.Register();
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.Configure<Storage.StorageOptions>(configuration.GetSection(Storage.StorageOptions.Section));
        services.Configure<DatabaseOptions>(o =>
        {
            configuration.GetSection(DatabaseOptions.Section).Bind(o);
            o.ConnectionString ??= configuration.GetConnectionString("Portal");
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IDb>(CreateDb);
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SqlOutbox>();
        services.AddSingleton<IOutbox>(p => p.GetRequiredService<SqlOutbox>());
        services.AddSingleton<IOutboxMonitor>(p => p.GetRequiredService<SqlOutbox>());
        services.AddSingleton<EventTypeRegistry>();
        services.AddSingleton<OutboxNode>();
        services.AddSingleton<Storage.StorageAlarm>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ContentImporter>();
        services.AddSingleton<Files.UploadLease>();
        services.AddSingleton<Files.IFileStore, Files.DiskFileStore>();
        services.AddHostedService<BackgroundWorker>();
        services.AddScoped<ServiceFactory>(p => p.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddDataProtection().SetApplicationName("Portal");
        services.AddOptions<KeyManagementOptions>().Configure<IDb>((o, db) => o.XmlRepository = new DbXmlRepository(db));
        services.AddHostCommand(CoreHostCommands.Migrate);
        services.AddHostCommand(CoreHostCommands.Import);
        services.AddPortalModule("Core", typeof(CoreServiceCollectionExtensions).Assembly, order: 0);
        return services;
    }

    private static IDb CreateDb(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var signal = services.GetRequiredService<OutboxSignal>();
        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException("Database:Provider is postgres but ConnectionStrings:Portal (environment ConnectionStrings__Portal) is not set.");
            return new PostgresDb(NpgsqlDataSource.Create(options.ConnectionString), signal);
        }
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataPath = services.GetRequiredService<IOptions<PortalOptions>>().Value.FullDataPath;
            Directory.CreateDirectory(dataPath);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "portal.db"), Pooling = true }.ToString();
        }
        EnableWal(connectionString);
        return new SqliteDb(connectionString, signal);
    }

    // WAL is a property of the database file, so it is set once rather than on every connection.
    private static void EnableWal(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
