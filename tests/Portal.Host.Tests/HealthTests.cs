using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

public sealed class HealthTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Healthz_is_ok_and_turns_503_when_an_applied_migration_was_changed(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var browser = app.Browser();

        var healthy = await browser.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("ok", Status(await healthy.Content.ReadAsStringAsync()));

        var db = app.Services.GetRequiredService<IDb>();
        await db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE schema_migrations SET checksum = 'tampered' WHERE module = (SELECT MIN(module) FROM schema_migrations) AND version = 1", transaction: tx));

        var sick = await browser.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sick.StatusCode);
        var body = await sick.Content.ReadAsStringAsync();
        Assert.NotEqual("ok", Status(body));
        Assert.Contains("changed after it was applied", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Healthz_turns_503_when_the_database_refuses_a_write_or_the_disk_runs_low_and_live_stays_200(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var browser = app.Browser();
        var db = app.Services.GetRequiredService<IDb>();
        await db.WriteAsync((c, tx) => c.ExecuteAsync("ALTER TABLE health_probes RENAME TO health_probes_away", transaction: tx));

        var refused = await browser.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var report = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("database write failed", report.GetProperty("status").GetString());
        Assert.Equal("failed", report.GetProperty("databaseWrite").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz/live")).StatusCode);

        await db.WriteAsync((c, tx) => c.ExecuteAsync("ALTER TABLE health_probes_away RENAME TO health_probes", transaction: tx));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);

        // A threshold above any disk's free space: readiness says the storage is low.
        await using var demanding = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Portal:Storage:MinFreeMegabytes"] = "1e12" });
        var low = await demanding.Browser().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, low.StatusCode);
        var storage = JsonDocument.Parse(await low.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("storage low", storage.GetProperty("status").GetString());
        Assert.True(storage.GetProperty("storage").GetProperty("freeMegabytes").GetDouble() > 0);
    }

    private static string? Status(string json) => JsonDocument.Parse(json).RootElement.GetProperty("status").GetString();
}
