using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;
using Portal.Testing;

namespace Portal.Modules.Downloads.Tests;

/// <summary>The whole portal on a test database with no shipped content: products, installations
/// and service periods are written straight to Contracts' tables, releases through the store.</summary>
internal sealed class DownloadsWebKit : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private DownloadsWebKit(PortalWebApp app) => App = app;

    public PortalWebApp App { get; }

    public IDb Db => App.Services.GetRequiredService<IDb>();

    /// <summary>Today in the vendor's time zone (Asia/Shanghai).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    public static async Task<DownloadsWebKit> StartAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var empty = Path.Combine(Path.GetTempPath(), "portal-tests", "no-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        var all = new Dictionary<string, string?> { ["Portal:ContentPath"] = empty };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        return new DownloadsWebKit(await PortalWebApp.StartAsync(provider, all));
    }

    public Task<long> ProductAsync(string code, params string[] versions) => CatalogRows.ProductAsync(Db, code, versions);

    public Task InstallAsync(long organisation, long product, string version) => CatalogRows.InstallAsync(Db, organisation, product, version);

    public Task PeriodAsync(long organisation, long product, DateOnly startsOn, DateOnly endsOn, bool majorUpgrades = false) =>
        Db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                trainings_per_year, created_at, updated_at)
            VALUES (@organisation, @product, 'paid', 'standard', @startsOn, 12, @endsOn, @majorUpgrades, 2, @Now, @Now)
            """, new { organisation, product, startsOn, endsOn, majorUpgrades, Now = DateTimeOffset.UtcNow }, tx));

    /// <summary>A customer of a new organisation, signed in.</summary>
    public async Task<(long Organisation, HttpClient Browser)> CustomerAsync(string code)
    {
        var organisation = await App.CreateOrganisationAsync(code, code + " Ltd");
        var email = code.ToLowerInvariant() + "@customer.example";
        await App.CreateUserAsync(email, Password, PortalRoles.Customer, organisation);
        return (organisation, await App.SignInAsync(email, Password));
    }

    public async Task<HttpClient> StaffAsync()
    {
        await App.CreateUserAsync("staff@portal.example", Password, PortalRoles.Staff);
        return await App.SignInAsync("staff@portal.example", Password);
    }

    /// <summary>A release with one file; published unless said otherwise. Returns the release and file ids.</summary>
    public async Task<(long Release, long File)> ReleaseAsync(string product, string version, string kind, byte[] bytes, string fileName = "file.zip",
        bool published = true, bool isPublic = false, string appliesTo = "*", string? severity = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ReleaseStore>();
        var input = new ReleaseInput(product, ProductVersion.Parse(version), kind, $"{product} {version} {kind} 发布", $"{product} {version} {kind}",
            "说明", "Notes", kind == "patch" ? severity ?? "important" : null, appliesTo, isPublic);
        var release = await store.CreateAsync(input, null, null, default);
        using var content = new MemoryStream(bytes);
        var file = await store.AddFileAsync(release, fileName, content, long.MaxValue, null, null, default);
        if (published) await store.PublishAsync(release, null, notify: false, null, default);
        return (release, file!.Id);
    }

    public async Task SupersedeAsync(long release, params long[] older)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReleaseStore>().SetSupersedesAsync(release, older, default);
    }

    public Task ExecuteAsync(string sql, object? args = null) => Db.WriteAsync((c, tx) => c.ExecuteAsync(sql, args, tx));

    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
