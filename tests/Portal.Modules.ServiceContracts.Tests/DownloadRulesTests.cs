using System.Globalization;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

/// <summary>CanDownload. Organisation 1: KMS 8.5.2 installed, standard period 2026 without major
/// upgrades. 2: 8.5.2 installed, premium period 2026 with major upgrades. 3: period 2026 but no
/// installation. 4: KMS installed, no period. 5: nothing. 6: period only from 2027.</summary>
public sealed class DownloadRulesTests
{
    private const string Inside = "2026-06-01T04:00:00Z";
    private const string After = "2026-12-31T16:01:00Z";

    public static TheoryData<string, long, string, string, string, bool, string, string?, bool> Cases()
    {
        var data = new TheoryData<string, long, string, string, string, bool, string, string?, bool>();
        foreach (var p in TestProviders.Names)
        {
            // provider, org, kind, release, at, allowed, denial, expired on, renewal helps
            data.Add(p, 1, "Patch", "8.5.3", Inside, true, "None", null, false);
            data.Add(p, 1, "Tool", "1.0.0", Inside, true, "None", null, false);
            data.Add(p, 1, "Upgrade", "8.6.0", Inside, true, "None", null, false);           // minor jump inside a period
            data.Add(p, 1, "Upgrade", "9.0.0", Inside, false, "MajorUpgradeNotIncluded", null, true);
            data.Add(p, 1, "Media", "9.0.0", Inside, false, "MajorUpgradeNotIncluded", null, true);
            data.Add(p, 2, "Upgrade", "9.0.0", Inside, true, "None", null, false);           // major upgrades included
            data.Add(p, 1, "Patch", "8.5.3", After, false, "Expired", "2026-12-31", true);
            data.Add(p, 1, "Upgrade", "8.6.0", After, false, "Expired", "2026-12-31", true);
            data.Add(p, 1, "Manual", "8.5.0", After, true, "None", null, false);             // manuals outlive the period
            data.Add(p, 3, "Patch", "8.5.3", Inside, true, "None", null, false);
            data.Add(p, 3, "Upgrade", "8.6.0", Inside, false, "NoInstallation", null, false);
            data.Add(p, 3, "Manual", "8.5.0", Inside, true, "None", null, false);            // contracted, not installed
            data.Add(p, 4, "Patch", "8.5.3", Inside, false, "NoContract", null, true);
            data.Add(p, 4, "Manual", "8.5.0", Inside, true, "None", null, false);            // installed, never contracted
            data.Add(p, 5, "Manual", "8.5.0", Inside, false, "NotInstalled", null, false);
            data.Add(p, 5, "Patch", "8.5.3", Inside, false, "NoContract", null, true);
            data.Add(p, 6, "Patch", "8.5.3", Inside, false, "NotStarted", null, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Download_rules(string provider, long org, string kind, string release, string at, bool allowed, string denial, string? expiredOn, bool renewalHelps)
    {
        await using var kit = await ContractsTestKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS");
        var v852 = await kit.VersionAsync(kms, "8.5.2");
        await kit.InstallAsync(1, kms, v852);
        await kit.InstallAsync(2, kms, v852);
        await kit.InstallAsync(4, kms, v852);
        await kit.InstallAsync(5, kms, v852, removed: true);
        await kit.PeriodAsync(1, kms, "2026-01-01");
        await kit.PeriodAsync(2, kms, "2026-01-01", level: "premium", majorUpgrades: true);
        await kit.PeriodAsync(3, kms, "2026-01-01");
        await kit.PeriodAsync(5, kms, "2026-01-01", cancelled: true);
        await kit.PeriodAsync(6, kms, "2027-01-01");

        var decision = await kit.SendAsync(new CanDownload(org, "KMS", ProductVersion.Parse(release), Enum.Parse<ReleaseKind>(kind),
            DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)));

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(denial, decision.Denial.ToString());
        Assert.Equal(expiredOn, decision.ExpiredOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(renewalHelps, decision.RenewalHelps);
    }
}
