using System.Net;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class CalendarTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    private static string Month(DateTime local) => local.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnonymousVisitorsSeeTheMonthGridFilteredByProductModeAndAudience(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        await kit.ProductAsync("AFC");
        var kms = await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS", titleEn: "KMS administrators");
        var afc = await kit.CourseAsync("AFC-EXPERT-TOPIC", "AFC", mode: "topic", audience: "expert", titleEn: "AFC clearing topic");
        // The 15th of next month at 09:00 in Shanghai, i.e. 01:00 UTC: the day is the vendor's.
        var next = TrainingWebKit.LocalNow.Date.AddMonths(1);
        var day = new DateTime(next.Year, next.Month, 15, 9, 0, 0);
        await kit.SessionAsync(kms, new DateTimeOffset(day, TimeSpan.FromHours(8)));
        await kit.SessionAsync(afc, new DateTimeOffset(day.AddDays(1), TimeSpan.FromHours(8)));
        var anonymous = kit.App.Browser();

        var all = await TrainingWebKit.PageAsync(anonymous, $"/Training?month={Month(day)}");
        var grid = all.QuerySelector("[data-testid=month-grid]")!;
        Assert.Equal(2, grid.QuerySelectorAll("[data-testid=session]").Length);
        var cell15 = grid.QuerySelectorAll("td").First(td => td.QuerySelector("[data-testid=session]")?.TextContent.Contains("KMS-ADMIN-BASIC") == true);
        Assert.StartsWith("15", cell15.TextContent.Trim());
        Assert.Contains($"month={Month(day.AddMonths(1))}", all.QuerySelector("[data-testid=next-month]")!.GetAttribute("href"));
        Assert.Contains($"month={Month(day.AddMonths(-1))}", all.QuerySelector("[data-testid=previous-month]")!.GetAttribute("href"));

        foreach (var filter in new[] { "product=AFC", "mode=topic", "audience=expert" })
        {
            var filtered = await TrainingWebKit.PageAsync(anonymous, $"/Training?month={Month(day)}&{filter}");
            var sessions = filtered.QuerySelectorAll("[data-testid=session]");
            Assert.Single(sessions);
            Assert.Contains("AFC-EXPERT-TOPIC", sessions[0].TextContent);
        }
        var other = await TrainingWebKit.PageAsync(anonymous, $"/Training?month={Month(day.AddMonths(1))}");
        Assert.Empty(other.QuerySelectorAll("[data-testid=session]"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheListShowsOnlyUpcomingScheduledSessionsInStartOrder(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("WDS");
        var course = await kit.CourseAsync("WDS-ADMIN-ADVANCED", "WDS", titleEn: "WDS advanced");
        var now = DateTimeOffset.UtcNow;
        var later = await kit.SessionAsync(course, now.AddDays(20));
        var sooner = await kit.SessionAsync(course, now.AddDays(5));
        await kit.SessionAsync(course, now.AddDays(-3));
        await kit.SessionAsync(course, now.AddDays(8), status: "cancelled");
        var anonymous = kit.App.Browser();

        var list = await TrainingWebKit.PageAsync(anonymous, "/Training?view=list");
        var links = list.QuerySelectorAll("[data-testid=upcoming] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Training/Session/{sooner}", $"/Training/Session/{later}"], links);
        Assert.Contains("剩余 10 个名额", list.QuerySelector("[data-testid=upcoming]")!.TextContent);
        var none = await TrainingWebKit.PageAsync(anonymous, "/Training?view=list&product=KMS");
        Assert.NotNull(none.QuerySelector("[data-testid=empty]"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSessionPageShowsTheOutlineAndOffersEnrollmentOnlyToSignedInCustomers(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        var course = await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS");
        var id = await kit.SessionAsync(course, DateTimeOffset.UtcNow.AddDays(30));
        var anonymous = await TrainingWebKit.PageAsync(kit.App.Browser(), $"/Training/Session/{id}");
        Assert.Equal("大纲", anonymous.QuerySelector("[data-testid=outline]")!.TextContent.Trim());
        Assert.Equal("10 / 10", anonymous.QuerySelector("[data-testid=seats-left]")!.TextContent.Trim());
        Assert.Null(anonymous.QuerySelector("[data-testid=enroll]"));
        var customer = await TrainingWebKit.PageAsync(await kit.CustomerAsync(), $"/Training/Session/{id}");
        Assert.Equal($"/Training/Enroll/{id}", customer.QuerySelector("[data-testid=enroll]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await kit.App.Browser().GetAsync("/Training/Session/999999")).StatusCode);
    }
}
