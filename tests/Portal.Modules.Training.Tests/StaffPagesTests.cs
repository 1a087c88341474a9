using System.Net;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class StaffPagesTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    private static readonly string[] StaffPages =
    [
        "/Training/Manage", "/Training/Manage/Courses", "/Training/Manage/Courses/Edit", "/Training/Manage/Sessions", "/Training/Manage/Sessions/Edit",
    ];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomersAndVisitorsCannotReachTheStaffPages(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        var customer = await kit.CustomerAsync();
        var anonymous = kit.App.Browser();
        var staff = await kit.StaffAsync();
        foreach (var url in StaffPages)
        {
            var refused = await customer.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"{url}: expected forbidden, got {(int)refused.StatusCode} {refused.Headers.Location}");
            Assert.Contains("/Account/SignIn", (await anonymous.GetAsync(url)).Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Training")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheOverviewListsSessionsWithinTwentyDaysWhoseCourseHasNoMaterials(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        var bare = await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS");
        var ready = await kit.CourseAsync("KMS-OPERATOR-BASIC", "KMS");
        await kit.ExecuteAsync("""
            INSERT INTO tr_materials (course_id, store_key, file_name, size, sha256, created_at)
            VALUES (@ready, '0123456789abcdef0123456789abcdef', 'handout.pdf', 1, 'x', @now)
            """, new { ready, now = DateTimeOffset.UtcNow });
        var now = DateTimeOffset.UtcNow;
        var soon = await kit.SessionAsync(bare, now.AddDays(10));
        await kit.SessionAsync(bare, now.AddDays(30));
        await kit.SessionAsync(bare, now.AddDays(12), status: "cancelled");
        await kit.SessionAsync(ready, now.AddDays(10));
        var staff = await kit.StaffAsync();

        var page = await TrainingWebKit.PageAsync(staff, "/Training/Manage");
        var links = page.QuerySelectorAll("[data-testid=lacking-materials] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Training/Manage/Sessions/Edit/{soon}"], links);

        await kit.ExecuteAsync("""
            INSERT INTO tr_materials (course_id, store_key, file_name, size, sha256, created_at)
            VALUES (@bare, 'fedcba9876543210fedcba9876543210', 'handout.pdf', 1, 'x', @now)
            """, new { bare, now = DateTimeOffset.UtcNow });
        var after = await TrainingWebKit.PageAsync(staff, "/Training/Manage");
        Assert.NotNull(after.QuerySelector("[data-testid=materials-ok]"));
    }
}
