using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Feedback.Calendar;
using Portal.Testing;

namespace Portal.Modules.Feedback.Tests;

/// <summary>A service provider with the Feedback module's holiday calendar on a test database, a
/// fake clock, and a scratch content folder.</summary>
internal sealed class HolidayTestKit : IAsyncDisposable
{
    private HolidayTestKit(TestDatabase database, ServiceProvider services, FakeTimeProvider clock, string content)
    {
        Database = database;
        Services = services;
        Clock = clock;
        Content = content;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public string Content { get; }

    public IDb Db => Services.GetRequiredService<IDb>();
    public HolidayStore Store => Services.GetRequiredService<HolidayStore>();
    public ServiceClock ServiceClock => Services.GetRequiredService<ServiceClock>();

    public static async Task<HolidayTestKit> StartAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 30, 8, 30, 0, TimeSpan.Zero));
        var services = await TestServices.BuildAsync(database, (s, _) => s.AddFeedbackModule(), settings, clock);
        var content = Path.Combine(database.DataPath, "content");
        Directory.CreateDirectory(content);
        return new HolidayTestKit(database, services, clock, content);
    }

    public void CopyShippedHolidays()
    {
        Directory.CreateDirectory(Path.Combine(Content, "holidays"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Content, "holidays")))
            File.Copy(file, Path.Combine(Content, "holidays", Path.GetFileName(file)));
    }

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Content, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public Task<ContentImport> ImportAsync() => Services.GetRequiredService<ContentImporter>().ImportAsync(Content, demo: false);

    /// <summary>A change made by another node: straight into the tables, revision bumped, this node's store not told.</summary>
    public Task WriteElsewhereAsync(string sql, object? args = null) => Db.WriteAsync(async (c, tx) =>
    {
        await c.ExecuteAsync(sql, args, tx);
        await c.ExecuteAsync("UPDATE fb_holiday_revision SET revision = revision + 1", transaction: tx);
    });

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
