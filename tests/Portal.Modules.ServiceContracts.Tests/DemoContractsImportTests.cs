using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Content;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class DemoContractsImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_shipped_demo_gives_a_free_a_renewed_an_expiring_and_an_expired_organisation_whatever_the_day(string provider)
    {
        await using var kit = await ContractsTestKit.StartAsync(provider, DateTimeOffset.UtcNow);
        foreach (var code in new[] { "KMS", "WDS", "AFC" }) await kit.ProductAsync(code);
        var repository = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..");
        var folder = Path.Combine(kit.Database.DataPath, "content");
        Directory.CreateDirectory(Path.Combine(folder, "demo"));
        File.Copy(Path.Combine(repository, "content", "demo", "organizations.yaml"), Path.Combine(folder, "demo", "organizations.yaml"));
        // Only the contracts part: the organisations are inserted here (Accounts' importer would also create users).
        foreach (var code in new[] { "HZ-WATER", "NC-METRO", "SZ-POWER", "BJ-HOSP" })
            await kit.Db.WriteAsync((c, tx) => c.ExecuteAsync(
                "INSERT INTO acc_organisations (code, name, is_active, created_at, updated_at) VALUES (@code, @code, @Active, @Now, @Now)",
                new { code, Active = true, Now = DateTimeOffset.UtcNow }, tx));

        var import = await ImportAsync(kit, folder);
        Assert.True(import.Errors.Count == 0, string.Join("\n", import.Errors));
        Assert.Equal(7, import.Counts.GetValueOrDefault("demo contracts"));

        async Task<Entitlement> At(string org, string product)
        {
            await using var c = await kit.Db.OpenAsync();
            var id = await c.ExecuteScalarAsync<long>("SELECT id FROM acc_organisations WHERE code = @org", new { org });
            return await kit.SendAsync(new GetEntitlement(id, product, DateTimeOffset.UtcNow));
        }
        var hz = await At("HZ-WATER", "KMS");
        Assert.True(hz.Covered && hz.DaysLeft > 60 && hz.LastPeriodEnded is null);
        var afc = await At("NC-METRO", "AFC");
        Assert.True(afc.Covered && afc.Level == ServiceLevel.Premium && afc.MajorUpgradesIncluded && afc.LastPeriodEnded == afc.PeriodStart!.Value.AddDays(-1));
        var kms = await At("NC-METRO", "KMS");
        Assert.True(kms.Covered && kms.Level == ServiceLevel.Standard && kms.LastPeriodEnded is not null);
        var sz = await At("SZ-POWER", "KMS");
        Assert.True(sz.Covered && sz.DaysLeft is > 0 and <= 30, $"SZ-POWER days left {sz.DaysLeft}");
        var bj = await At("BJ-HOSP", "KMS");
        Assert.False(bj.Covered);
        var ago = ContractRules.DayOf(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DayNumber - bj.LastPeriodEnded!.Value.DayNumber;
        Assert.InRange(ago, 35, 45);

        // A second import leaves existing contracts alone.
        await ImportAsync(kit, folder);
        await using var check = await kit.Db.OpenAsync();
        Assert.Equal(7L, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_contracts"));
    }

    /// <summary>Only the Contracts importer (the whole pipeline would need the web host's localization for Accounts').</summary>
    private static async Task<ContentImport> ImportAsync(ContractsTestKit kit, string folder)
    {
        await using var scope = kit.Services.CreateAsyncScope();
        var importer = ActivatorUtilities.CreateInstance<Content.DemoContractsImporter>(scope.ServiceProvider);
        var import = new ContentImport(folder, demo: true);
        await importer.ImportAsync(import, CancellationToken.None);
        return import;
    }

    [Theory]
    [InlineData("today", 0)]
    [InlineData("today-200", -200)]
    [InlineData("today+30", 30)]
    [InlineData(" today-0 ", 0)]
    public void Demo_dates_are_relative_to_the_import_day(string text, int offset)
    {
        var today = new DateOnly(2026, 11, 22);
        Assert.True(DemoDate.TryResolve(text, today, out var day));
        Assert.Equal(today.AddDays(offset), day);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("tomorrow")]
    [InlineData("today-")]
    [InlineData("today*2")]
    [InlineData("")]
    public void Other_dates_are_refused(string text) => Assert.False(DemoDate.TryResolve(text, new DateOnly(2026, 11, 22), out _));
}
