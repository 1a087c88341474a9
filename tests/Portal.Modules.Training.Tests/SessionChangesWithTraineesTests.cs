using System.Globalization;
using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Training.Tests;

/// <summary>Staff change a session that already has trainees.</summary>
public sealed class SessionChangesWithTraineesTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static async Task<HttpClient> StaffAsync(EnrollmentKit kit)
    {
        await kit.App.CreateUserAsync("staff@portal.example", EnrollmentKit.Password, PortalRoles.Staff);
        return await kit.App.SignInAsync("staff@portal.example", EnrollmentKit.Password);
    }

    /// <summary>The edit form's fields as the page shows them for the session.</summary>
    private static async Task<Dictionary<string, string>> FormAsync(HttpClient staff, string page)
    {
        var document = await staff.GetDocumentAsync(page);
        var form = document.QuerySelector("[data-testid=session-form]")!;
        var fields = form.QuerySelectorAll("input[name^='Input.'], textarea[name^='Input.']")
            .ToDictionary(e => e.GetAttribute("name")!, e => e.GetAttribute("value") ?? e.TextContent);
        var course = form.QuerySelector("select[name='Input.CourseId'] option[selected]") ?? form.QuerySelector("select[name='Input.CourseId'] option");
        fields["Input.CourseId"] = course!.GetAttribute("value")!;
        return fields;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheCapacityCannotDropBelowTheTraineesAlreadyEnrolled(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 3);
        var organisation = await kit.OrganisationAsync("CAP");
        for (var i = 0; i < 2; i++) await kit.EnrollAsync(session, organisation, await kit.ContactAsync(organisation));
        var staff = await StaffAsync(kit);
        var page = $"/Training/Manage/Sessions/Edit/{session}";
        var fields = await FormAsync(staff, page);

        fields["Input.Capacity"] = "1";
        var refused = await staff.PostFormAsync(page, fields, page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("已有 2 名学员报名，容量不能低于此数", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await kit.ScalarAsync<int>("SELECT capacity FROM tr_sessions WHERE id = @session", new { session }));
        Assert.Equal(3, await kit.ScalarAsync<int>("SELECT sequence FROM tr_sessions WHERE id = @session", new { session }));

        fields["Input.Capacity"] = "2";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(page, fields, page)).StatusCode);
        Assert.Equal(2, await kit.ScalarAsync<int>("SELECT capacity FROM tr_sessions WHERE id = @session", new { session }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CancellingASessionGivesTheFreeTrainingsBackAndTraineesCanNoLongerCancelTheirSeat(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 5);
        var first = await kit.OrganisationAsync("ONE");
        var second = await kit.OrganisationAsync("TWO");
        var trainee = await kit.ContactAsync(first);
        await kit.EnrollAsync(session, first, trainee);
        await kit.EnrollAsync(session, first, await kit.ContactAsync(first));
        await kit.EnrollAsync(session, second, await kit.ContactAsync(second));
        Assert.Equal(1, await kit.UsedTrainingsAsync(first));
        Assert.Equal(1, await kit.UsedTrainingsAsync(second));

        var staff = await StaffAsync(kit);
        var page = $"/Training/Manage/Sessions/Edit/{session}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(page + "?handler=Cancel", [], page)).StatusCode);
        Assert.Equal(0, await kit.UsedTrainingsAsync(first));
        Assert.Equal(0, await kit.UsedTrainingsAsync(second));

        var browser = await kit.App.SignInAsync(trainee.Email, EnrollmentKit.Password);
        var calendar = await browser.GetDocumentAsync("/Training");
        Assert.NotNull(calendar.QuerySelector("[data-testid=my-trainings][href='/Training/Mine']"));
        Assert.NotNull(calendar.QuerySelector("[data-testid=account-menu] ~ * a[href='/Training/Mine'], .dropdown-menu a[href='/Training/Mine']"));
        var mine = await browser.GetDocumentAsync("/Training/Mine");
        var row = mine.QuerySelector("[data-testid=enrollments] tbody tr")!;
        Assert.Contains("已取消", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("a[href*='cancel=']"));
        var id = (await kit.RowsAsync(session)).Single(r => r.TraineeUserId == trainee.UserId).Id;
        Assert.Equal(HttpStatusCode.NotFound,
            (await browser.PostFormAsync("/Training/Mine?handler=Cancel&id=" + id.ToString(CultureInfo.InvariantCulture), [], "/Training/Mine")).StatusCode);
    }
}
