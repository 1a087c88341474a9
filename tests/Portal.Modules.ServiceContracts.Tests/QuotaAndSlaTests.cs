using Dapper;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class QuotaAndSlaTests
{
    private static readonly DateTimeOffset June2026 = new(2026, 6, 1, 4, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sla_targets_follow_the_covering_service_level(string provider)
    {
        await using var kit = await ContractsTestKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS");
        await kit.PeriodAsync(1, kms, "2026-01-01", level: "premium");
        await kit.PeriodAsync(2, kms, "2026-01-01");

        var premium = await kit.SendAsync(new SlaTargets(1, "KMS", 1, June2026));
        Assert.Equal((ServiceLevel.Premium, TimeSpan.FromHours(1), false, true), (premium.Level, premium.Respond, premium.BusinessHours, premium.Covered));
        var standard = await kit.SendAsync(new SlaTargets(2, "KMS", 2, June2026));
        Assert.Equal((ServiceLevel.Standard, TimeSpan.FromHours(8), true, true), (standard.Level, standard.Respond, standard.BusinessHours, standard.Covered));
        Assert.Equal(TimeSpan.FromHours(24), (await kit.SendAsync(new SlaTargets(2, "KMS", 5, June2026))).Respond);

        var lapsed = await kit.SendAsync(new SlaTargets(1, "KMS", 1, new DateTimeOffset(2027, 1, 1, 4, 0, 0, TimeSpan.Zero)));
        Assert.False(lapsed.Covered);
        Assert.Equal(ServiceLevel.Standard, lapsed.Level);
        Assert.False((await kit.SendAsync(new SlaTargets(9, "NONE", 3, June2026))).Covered);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => kit.SendAsync(new SlaTargets(1, "KMS", 6, June2026)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Training_quota_counts_uses_per_contract_year_once_per_reference(string provider)
    {
        await using var kit = await ContractsTestKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS");
        var afc = await kit.ProductAsync("AFC");
        await kit.PeriodAsync(1, kms, "2026-01-01", months: 24, trainings: 2);
        await kit.PeriodAsync(1, afc, "2026-03-01", trainings: 1);

        var before = await kit.SendAsync(new TrainingQuota(1, June2026));
        Assert.Equal((3, 0, 3), (before.Allowed, before.Used, before.Left));
        Assert.Equal(new DateOnly(2026, 12, 31), before.YearEnd); // KMS's first contract year ends first

        Assert.Equal(TrainingUseResult.Recorded, await kit.SendAsync(new RecordTrainingUse(1, "enrollment:1", June2026)));
        Assert.Equal(TrainingUseResult.Recorded, await kit.SendAsync(new RecordTrainingUse(1, "enrollment:1", June2026)));
        Assert.Equal(TrainingUseResult.Recorded, await kit.SendAsync(new RecordTrainingUse(1, "enrollment:2", June2026)));
        Assert.Equal(TrainingUseResult.Recorded, await kit.SendAsync(new RecordTrainingUse(1, "enrollment:3", June2026)));
        Assert.Equal(TrainingUseResult.QuotaExhausted, await kit.SendAsync(new RecordTrainingUse(1, "enrollment:4", June2026)));
        var used = await kit.SendAsync(new TrainingQuota(1, June2026));
        Assert.Equal((3, 3, 0), (used.Allowed, used.Used, used.Left));

        Assert.True(await kit.SendAsync(new ReleaseTrainingUse(1, "enrollment:2", June2026)));
        Assert.False(await kit.SendAsync(new ReleaseTrainingUse(1, "enrollment:2", June2026)));
        Assert.Equal(2, (await kit.SendAsync(new TrainingQuota(1, June2026))).Used);
        Assert.Equal(TrainingUseResult.Recorded, await kit.SendAsync(new RecordTrainingUse(1, "enrollment:4", June2026)));
        await using (var c = await kit.Db.OpenAsync())
            Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_training_uses WHERE organisation_id = 1"));

        // The next KMS contract year starts with a fresh quota; AFC's year still holds its use.
        var nextYear = new DateTimeOffset(2027, 1, 5, 4, 0, 0, TimeSpan.Zero);
        var fresh = await kit.SendAsync(new TrainingQuota(1, nextYear));
        Assert.Equal((3, 1, 2), (fresh.Allowed, fresh.Used, fresh.Left));
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2027, 2, 28)), (fresh.YearStart, fresh.YearEnd)); // AFC's year now ends first

        Assert.Equal(TrainingUseResult.NotCovered, await kit.SendAsync(new RecordTrainingUse(2, "enrollment:9", June2026)));
        var none = await kit.SendAsync(new TrainingQuota(2, June2026));
        Assert.Equal((0, 0, 0, null), (none.Allowed, none.Used, none.Left, none.YearStart));
    }
}
