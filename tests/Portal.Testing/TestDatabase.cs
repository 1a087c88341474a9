using Xunit;
using Npgsql;

namespace Portal.Testing;

/// <summary>A fresh, empty database for one test: a temporary SQLite file, or a new schema in the
/// PostgreSQL server named by PORTAL_TEST_POSTGRES. Every data test runs on both: the
/// <see cref="Providers"/> theory data yields "postgres" when that variable is set, or when
/// PORTAL_TEST_STRICT=1 (then a missing server fails the test instead of skipping it).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";
    public const string StrictVariable = "PORTAL_TEST_STRICT";

    private readonly string? schema;
    private readonly string? adminConnectionString;

    private TestDatabase(string provider, string connectionString, string dataPath, string? schema, string? adminConnectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataPath = dataPath;
        this.schema = schema;
        this.adminConnectionString = adminConnectionString;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A temporary data folder (files, mail, the SQLite database).</summary>
    public string DataPath { get; }

    public static bool Strict => Environment.GetEnvironmentVariable(StrictVariable) == "1";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (PostgresConnectionString is not null || Strict) data.Add("postgres");
            return data;
        }
    }

    /// <summary>Configuration keys that point the portal at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:Portal"] = ConnectionString,
        ["Portal:DataPath"] = DataPath,
    };

    /// <param name="pooledSqlite">SQLite connections pooled as the portal pools them in production (benchmarks);
    /// tests open and close the file each time.</param>
    public static async Task<TestDatabase> CreateAsync(string provider, bool pooledSqlite = false)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        if (provider == "sqlite")
            return new TestDatabase(provider, $"Data Source={Path.Combine(dataPath, "portal.db")};Pooling={pooledSqlite}", dataPath, null, null);

        var admin = PostgresConnectionString
            ?? throw new InvalidOperationException($"PostgreSQL tests need {PostgresVariable} (./test.sh sets it up).");
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { SearchPath = name, Pooling = true, MaxPoolSize = 20 };
        return new TestDatabase(provider, builder.ConnectionString, dataPath, name, admin);
    }

    public async ValueTask DisposeAsync()
    {
        if (schema is not null && adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
