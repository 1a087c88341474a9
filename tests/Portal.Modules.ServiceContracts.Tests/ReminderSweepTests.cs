using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Background;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class ReminderSweepTests
{
    private static readonly DateOnly End = new(2026, 12, 31);

    private static async Task RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var sweep = scope.ServiceProvider.GetServices<ISweep>().Single(s => s.Name == "contracts.reminders");
        await sweep.RunAsync(CancellationToken.None);
    }

    private static Task RunConcurrentlyAsync(IServiceProvider services) =>
        Task.WhenAll(Task.Run(() => RunAsync(services)), Task.Run(() => RunAsync(services)));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_reminder_goes_once_to_each_contact_across_runs_and_concurrent_sweeps(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(MyServiceTestKit.MorningOf(End.AddDays(-59)));
        await using var services = await MyServiceTestKit.BuildAsync(db, clock);
        var org = await services.OrganisationAsync("ACME");
        var li = await services.ContactAsync("li@acme.example", org);
        var wang = await services.ContactAsync("wang@acme.example", org);
        var product = await services.ProductAsync("WATER");
        var contract = await services.PeriodAsync(org, product, new DateOnly(2026, 1, 1), End);

        await RunAsync(services);
        await RunAsync(services);
        clock.SetUtcNow(MyServiceTestKit.MorningOf(End.AddDays(-58)));
        await RunConcurrentlyAsync(services);
        clock.SetUtcNow(MyServiceTestKit.MorningOf(End.AddDays(-29)));
        await RunConcurrentlyAsync(services);
        await RunConcurrentlyAsync(services);
        clock.SetUtcNow(MyServiceTestKit.MorningOf(End.AddDays(-6)));
        await RunConcurrentlyAsync(services);
        clock.SetUtcNow(MyServiceTestKit.MorningOf(End));
        await RunAsync(services);
        clock.SetUtcNow(MyServiceTestKit.MorningOf(End.AddDays(1)));
        await RunConcurrentlyAsync(services);
        await RunAsync(services);

        var emails = await services.EmailsAsync();
        Assert.Equal(8, emails.Count);
        Assert.Equal(emails.Count, emails.Select(e => e.DedupKey).Distinct().Count());
        foreach (var (stage, template) in new[] { ("d60", "contracts.expiry-reminder"), ("d30", "contracts.expiry-reminder"),
                     ("d7", "contracts.expiry-reminder"), ("ended", "contracts.expired") })
        foreach (var user in new[] { li, wang })
        {
            var email = Assert.Single(emails, e => e.DedupKey == $"contracts.reminder:{contract}:{stage}:{user}");
            Assert.Equal(template, email.Template);
        }
        Assert.Equal(["60", "30", "7"], emails.Where(e => e.To == "li@acme.example" && e.Values.ContainsKey("days")).Select(e => e.Values["days"]));
        Assert.Equal(8, await services.ScalarAsync<long>("SELECT COUNT(*) FROM sc_reminders"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_sweep_that_missed_days_sends_only_the_nearest_reminder(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(MyServiceTestKit.MorningOf(End.AddDays(-5)));
        await using var services = await MyServiceTestKit.BuildAsync(db, clock);
        var org = await services.OrganisationAsync("ACME");
        await services.ContactAsync("li@acme.example", org);
        var contract = await services.PeriodAsync(org, await services.ProductAsync("WATER"), new DateOnly(2026, 1, 1), End);

        await RunAsync(services);

        var email = Assert.Single(await services.EmailsAsync());
        Assert.StartsWith($"contracts.reminder:{contract}:d7:", email.DedupKey, StringComparison.Ordinal);
        Assert.Equal("6", email.Values["days"]); // today counts
        Assert.Equal("2026-12-31", email.Values["ends_on"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_contact_gets_the_reminder_in_their_language(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(MyServiceTestKit.MorningOf(End.AddDays(-30)));
        await using var services = await MyServiceTestKit.BuildAsync(db, clock);
        var org = await services.OrganisationAsync("ACME");
        await services.ContactAsync("li@acme.example", org, "zh-CN");
        await services.ContactAsync("smith@acme.example", org, "en");
        await services.PeriodAsync(org, await services.ProductAsync("WATER", "水务平台", "Water Platform"), new DateOnly(2026, 1, 1), End);

        await RunAsync(services);

        var emails = await services.EmailsAsync();
        var zh = Assert.Single(emails, e => e.To == "li@acme.example");
        var en = Assert.Single(emails, e => e.To == "smith@acme.example");
        Assert.Equal(("zh-CN", "水务平台"), (zh.Language, zh.Values["product"]));
        Assert.Equal(("en", "Water Platform"), (en.Language, en.Values["product"]));
        Assert.Equal("ACME Ltd", en.Values["organisation"]);
        Assert.EndsWith("/Contracts/MyService", en.Values["link"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_reminders_for_cancelled_renewed_long_ended_or_inactive(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(MyServiceTestKit.MorningOf(End.AddDays(-7)));
        await using var services = await MyServiceTestKit.BuildAsync(db, clock);
        var org = await services.OrganisationAsync("ACME");
        await services.ContactAsync("li@acme.example", org);
        var water = await services.ProductAsync("WATER");
        var gas = await services.ProductAsync("GAS", "燃气平台", "Gas Platform");
        var power = await services.ProductAsync("POWER", "电力平台", "Power Platform");
        // Cancelled, ending in 7 days.
        await services.PeriodAsync(org, water, new DateOnly(2026, 1, 1), End, cancelled: true);
        // Renewed: the next period follows the day after.
        await services.PeriodAsync(org, gas, new DateOnly(2026, 1, 1), End);
        await services.PeriodAsync(org, gas, End.AddDays(1), End.AddYears(1));
        // Ended 31 days before today's run: too long ago for a notice.
        await services.PeriodAsync(org, power, new DateOnly(2025, 1, 1), End.AddDays(-38));
        // Inactive organisation.
        var closed = await services.OrganisationAsync("GONE", active: false);
        await services.ContactAsync("x@gone.example", closed);
        await services.PeriodAsync(closed, water, new DateOnly(2026, 1, 1), End);

        await RunAsync(services);

        Assert.Empty(await services.EmailsAsync());
        Assert.Equal(0, await services.ScalarAsync<long>("SELECT COUNT(*) FROM sc_reminders"));
    }
}
