using System.Globalization;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

/// <summary>GetEntitlement at the boundaries. Organisation 1 has a free period for 2026 only;
/// organisation 2 has the same free period and a premium renewal for 2027 chained to it.
/// Asia/Shanghai is UTC+8: 2026-12-31T15:59Z is 23:59 on the 31st there, 16:01Z is 00:01 on Jan 1.</summary>
public sealed class EntitlementTests
{
    public static TheoryData<string, long, string, bool, string?, string?, int?, string?> Cases()
    {
        var data = new TheoryData<string, long, string, bool, string?, string?, int?, string?>();
        foreach (var provider in TestProviders.Names)
        {
            // provider, org, at (UTC), covered, level, period start, days left, last period ended
            data.Add(provider, 1, "2025-12-31T15:59:00Z", false, null, null, null, null);
            data.Add(provider, 1, "2025-12-31T16:00:00Z", true, "Standard", "2026-01-01", 365, null);  // first day, first minute
            data.Add(provider, 1, "2026-12-31T03:00:00Z", true, "Standard", "2026-01-01", 1, null);    // last day
            data.Add(provider, 1, "2026-12-31T15:59:00Z", true, "Standard", "2026-01-01", 1, null);    // last day, 23:59 in Shanghai
            data.Add(provider, 1, "2026-12-31T16:01:00Z", false, null, null, null, "2026-12-31");      // 00:01 the day after
            data.Add(provider, 1, "2027-01-01T03:00:00Z", false, null, null, null, "2026-12-31");      // the day after
            data.Add(provider, 2, "2026-12-31T15:59:00Z", true, "Standard", "2026-01-01", 1, null);
            data.Add(provider, 2, "2026-12-31T16:01:00Z", true, "Premium", "2027-01-01", 365, "2026-12-31"); // renewal chained
            data.Add(provider, 2, "2027-12-31T15:59:00Z", true, "Premium", "2027-01-01", 1, "2026-12-31");
            data.Add(provider, 2, "2027-12-31T16:00:00Z", false, null, null, null, "2027-12-31");
            data.Add(provider, 3, "2026-06-01T00:00:00Z", false, null, null, null, null);               // cancelled period covers nothing
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Entitlement_at_the_boundaries(string provider, long org, string at, bool covered, string? level, string? start, int? daysLeft, string? lastEnded)
    {
        await using var kit = await ContractsTestKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS");
        await kit.PeriodAsync(1, kms, "2026-01-01");
        await kit.PeriodAsync(2, kms, "2026-01-01");
        await kit.PeriodAsync(2, kms, "2027-01-01", kind: "paid", level: "premium", majorUpgrades: true);
        await kit.PeriodAsync(3, kms, "2026-01-01", cancelled: true);

        var e = await kit.SendAsync(new GetEntitlement(org, "KMS", DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)));

        Assert.Equal(covered, e.Covered);
        Assert.Equal(level, e.Level?.ToString());
        Assert.Equal(start, e.PeriodStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(daysLeft, e.DaysLeft);
        Assert.Equal(lastEnded, e.LastPeriodEnded?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(covered, e.ContractId is not null);
        Assert.Equal(level == "Premium", e.MajorUpgradesIncluded);
        if (covered) Assert.NotNull(e.PeriodEnd);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_product_or_another_organisation_is_not_covered(string provider)
    {
        await using var kit = await ContractsTestKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS");
        await kit.PeriodAsync(1, kms, "2026-01-01");
        var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True((await kit.SendAsync(new GetEntitlement(1, "KMS", at))).Covered);
        Assert.False((await kit.SendAsync(new GetEntitlement(1, "WDS", at))).Covered);
        Assert.False((await kit.SendAsync(new GetEntitlement(99, "KMS", at))).Covered);
    }
}
