using Microsoft.Extensions.Time.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Testing;

namespace Portal.Modules.ServiceContracts.Tests;

/// <summary>A service provider with the Contracts module on a test database, and direct inserts of
/// the catalog rows the tests need (the catalog importer is another slice).</summary>
internal sealed class ContractsTestKit(TestDatabase database, ServiceProvider services, FakeTimeProvider clock) : ModuleTestKit(database, services)
{
    public FakeTimeProvider Clock { get; } = clock;

    public static async Task<ContractsTestKit> StartAsync(string provider, DateTimeOffset? now = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        var services = await TestServices.BuildAsync(database, (s, _) =>
        {
            s.AddAccountsModuleForTests();
            s.AddServiceContractsModule();
        }, clock: clock);
        return new ContractsTestKit(database, services, clock);
    }

    public async Task<T> WithWriterAsync<T>(Func<ContractWriter, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ContractWriter>());
    }

    public Task<long> ProductAsync(string code) => InsertProductAsync(Db, code);

    public Task<long> VersionAsync(long productId, string version) => InsertVersionAsync(Db, productId, version);

    public Task<long> InstallAsync(long organisationId, long productId, long versionId, bool removed = false) =>
        Db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sc_installations (organisation_id, product_id, version_id, removed_at, created_at, updated_at)
            VALUES (@organisationId, @productId, @versionId, @Removed, @Now, @Now) RETURNING id
            """, new { organisationId, productId, versionId, Removed = removed ? DateTimeOffset.UtcNow : (DateTimeOffset?)null, Now = DateTimeOffset.UtcNow }, tx));

    /// <summary>A period inserted as it is (no rule checks): tests of the rules set up any data.</summary>
    public Task<long> PeriodAsync(long organisationId, long productId, string startsOn, int months = 12, string kind = "free",
        string level = "standard", bool majorUpgrades = false, int trainings = 2, bool cancelled = false) =>
        InsertPeriodAsync(Db, organisationId, productId, DateOnly.Parse(startsOn, System.Globalization.CultureInfo.InvariantCulture),
            months, kind, level, majorUpgrades, trainings, cancelled);

    /// <summary>The product with this code (the host imports content/products.yaml, so it may exist).</summary>
    public static Task<long> InsertProductAsync(IDb db, string code, string? nameZh = null, string? nameEn = null) =>
        db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sc_products (code, name_zh, name_en, is_active, created_at, updated_at)
            VALUES (@code, @NameZh, @NameEn, @Active, @Now, @Now)
            ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en
            RETURNING id
            """, new { code, NameZh = nameZh ?? code, NameEn = nameEn ?? code, Active = true, Now = DateTimeOffset.UtcNow }, tx));

    public static Task<long> InsertVersionAsync(IDb db, long productId, string version)
    {
        var v = Contracts.ProductVersion.Parse(version);
        return db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sc_product_versions (product_id, major, minor, patch, created_at) VALUES (@productId, @Major, @Minor, @Patch, @Now) RETURNING id
            """, new { productId, v.Major, v.Minor, v.Patch, Now = DateTimeOffset.UtcNow }, tx));
    }

    public static Task<long> InsertPeriodAsync(IDb db, long organisationId, long productId, DateOnly startsOn, int months = 12, string kind = "free",
        string level = "standard", bool majorUpgrades = false, int trainings = 2, bool cancelled = false) =>
        db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                trainings_per_year, cancelled_at, created_at, updated_at)
            VALUES (@organisationId, @productId, @kind, @level, @startsOn, @months, @EndsOn, @majorUpgrades, @trainings, @Cancelled, @Now, @Now)
            RETURNING id
            """, new
        {
            organisationId, productId, kind, level, startsOn, months, EndsOn = ContractRules.EndsOn(startsOn, months), majorUpgrades, trainings,
            Cancelled = cancelled ? DateTimeOffset.UtcNow : (DateTimeOffset?)null, Now = DateTimeOffset.UtcNow,
        }, tx));
}

internal static class TestRegistration
{
    /// <summary>The Contracts module sends Accounts' organisation requests; its handlers must be there.</summary>
    public static IServiceCollection AddAccountsModuleForTests(this IServiceCollection services) =>
        Portal.Modules.Accounts.AccountsModule.AddAccountsModule(services);
}

internal static class TestProviders
{
    /// <summary>The provider names of <see cref="TestDatabase.Providers"/>, for table-driven theory data.</summary>
    public static IEnumerable<string> Names
    {
        get
        {
            foreach (string provider in TestDatabase.Providers) yield return provider;
        }
    }
}
