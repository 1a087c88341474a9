using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Modules.Feedback.Calendar;
using Portal.Modules.Feedback.Domain;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The registered IServiceClock over the shipped 2026 calendar in the database, on both databases.</summary>
public sealed class ServiceClockTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Severity2At1630BeforeNationalDayWithTheShippedCalendar(string provider)
    {
        await using var kit = await HolidayTestKit.StartAsync(provider);
        kit.CopyShippedHolidays();
        Assert.Empty((await kit.ImportAsync()).Errors);
        var clock = kit.Services.GetRequiredService<IServiceClock>();
        var start = At(9, 30, 16, 30);

        Assert.Equal(At(10, 8, 11, 30), await clock.DueAsync(start, TimeSpan.FromHours(4), businessHours: true, default));
        Assert.Equal(At(9, 30, 20, 30), await clock.DueAsync(start, TimeSpan.FromHours(4), businessHours: false, default));
        Assert.Equal(TimeSpan.FromHours(4), await clock.ElapsedAsync(start, At(10, 8, 11, 30), businessHours: true, default));
        // The make-up Saturday after National Day counts.
        Assert.Equal(At(10, 10, 11), await clock.DueAsync(At(10, 9, 16), TimeSpan.FromHours(4), businessHours: true, default));
        // A pause across a weekend: 2 h used before, 6 h left from Monday 10:00.
        var used = await clock.ElapsedAsync(At(11, 6, 14), At(11, 6, 16), businessHours: true, default);
        Assert.Equal(At(11, 9, 17), await clock.DueAsync(At(11, 9, 10), TimeSpan.FromHours(8) - used, businessHours: true, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AChangeOnThisNodeIsSeenAtOnce(string provider)
    {
        await using var kit = await HolidayTestKit.StartAsync(provider);
        var clock = kit.ServiceClock;
        var friday = At(11, 6, 16);
        Assert.Equal(At(11, 9, 11), await clock.DueAsync(friday, TimeSpan.FromHours(4), true, default));

        await kit.Store.SaveAsync(new HolidayDay(new DateOnly(2026, 11, 7), HolidayKind.Workday, "调休"), null, null, default);

        Assert.Equal(At(11, 7, 11), await clock.DueAsync(friday, TimeSpan.FromHours(4), true, default));

        await kit.Store.DeleteAsync(new DateOnly(2026, 11, 7), default);

        Assert.Equal(At(11, 9, 11), await clock.DueAsync(friday, TimeSpan.FromHours(4), true, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AChangeOnAnotherNodeIsSeenOnceTheCacheIsRechecked(string provider)
    {
        await using var kit = await HolidayTestKit.StartAsync(provider);
        var clock = kit.ServiceClock;
        var thursday = At(11, 5, 17);
        Assert.Equal(At(11, 6, 10), await clock.DueAsync(thursday, TimeSpan.FromHours(2), true, default));

        await kit.WriteElsewhereAsync("INSERT INTO fb_holidays (day, kind, name, updated_at) VALUES (@Day, 'holiday', '公司假日', @Now)",
            new { Day = new DateOnly(2026, 11, 6), Now = kit.Clock.GetUtcNow() });

        Assert.Equal(At(11, 6, 10), await clock.DueAsync(thursday, TimeSpan.FromHours(2), true, default));
        kit.Clock.Advance(ServiceClock.RecheckAfter);
        Assert.Equal(At(11, 9, 10), await clock.DueAsync(thursday, TimeSpan.FromHours(2), true, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WorkingHoursComeFromConfiguration(string provider)
    {
        await using var kit = await HolidayTestKit.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Feedback:WorkingHours:Days"] = "Monday-Saturday",
            ["Feedback:WorkingHours:Periods"] = "08:00-12:00,14:00-17:00",
        });
        var clock = kit.Services.GetRequiredService<IServiceClock>();

        Assert.Equal(At(11, 7, 9), await clock.DueAsync(At(11, 6, 16), TimeSpan.FromHours(2), true, default));
        Assert.Equal(TimeSpan.FromHours(7), await clock.ElapsedAsync(At(11, 2, 0), At(11, 3, 0), true, default));
    }

    [Fact]
    public async Task InvalidWorkingHoursAreRejectedWithTheReason()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var services = await TestServices.BuildAsync(database, (s, _) => s.AddFeedbackModule(),
            new Dictionary<string, string?> { ["Feedback:WorkingHours:Periods"] = "18:00-09:00" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BusinessHoursOptions>>().Value);

        Assert.Contains("Feedback:WorkingHours: the period 18:00-09:00 must start before it ends", error.Message, StringComparison.Ordinal);
    }
}
