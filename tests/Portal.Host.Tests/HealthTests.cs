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

    private static string? Status(string json) => JsonDocument.Parse(json).RootElement.GetProperty("status").GetString();
}
