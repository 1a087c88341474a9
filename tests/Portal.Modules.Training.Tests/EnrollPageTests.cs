using System.Net;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Enrollments;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class EnrollPageTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheEnrollPageSaysBeforeConfirmingWhetherAFreeTrainingIsUsedThenMyTrainingsShowsAndCancelsIt(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 2);
        var organisation = await kit.OrganisationAsync("WEB", trainingsPerYear: 2);
        var ann = await kit.ContactAsync(organisation, language: "en");
        var browser = await kit.App.SignInAsync(ann.Email, EnrollmentKit.Password);

        var page = await browser.GetDocumentAsync($"/Training/Enroll/{session}");
        var billing = page.QuerySelector("[data-testid=billing]")!;
        Assert.Equal("true", billing.GetAttribute("data-free"));
        Assert.Contains("2 of 2 left", billing.TextContent, StringComparison.Ordinal);

        var posted = await browser.PostFormAsync($"/Training/Enroll/{session}", new());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var mine = await browser.GetDocumentAsync("/Training/Mine");
        var row = mine.QuerySelector("tr[data-enrollment]")!;
        Assert.Equal(("enrolled", "free"), (row.GetAttribute("data-state"), row.GetAttribute("data-billing")));

        var again = await browser.GetDocumentAsync($"/Training/Enroll/{session}");
        Assert.NotNull(again.QuerySelector("[data-testid=mine]"));

        var id = row.GetAttribute("data-enrollment")!;
        var confirm = await browser.GetDocumentAsync($"/Training/Mine?cancel={id}");
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm-cancel]"));
        var cancelled = await browser.PostFormAsync($"/Training/Mine?handler=Cancel&id={id}", new(), $"/Training/Mine?cancel={id}");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("cancelled", (await kit.RowsAsync(session)).Single().State);
        Assert.Equal(0, await kit.UsedTrainingsAsync(organisation));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnOrganisationAdministratorEnrollsAColleagueButNobodyEnrollsSomeoneOfAnotherOrganisation(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync();
        var ours = await kit.OrganisationAsync("OURS", trainingsPerYear: null);
        var theirs = await kit.OrganisationAsync("THEIRS");
        var admin = await kit.ContactAsync(ours, admin: true);
        var colleague = await kit.ContactAsync(ours);
        var stranger = await kit.ContactAsync(theirs);
        var browser = await kit.App.SignInAsync(admin.Email, EnrollmentKit.Password);

        var page = await browser.GetDocumentAsync($"/Training/Enroll/{session}");
        Assert.Equal("false", page.QuerySelector("[data-testid=billing]")!.GetAttribute("data-free"));
        Assert.NotNull(page.QuerySelector($"select[name=Trainee] option[value='{colleague.UserId}']"));
        Assert.Null(page.QuerySelector($"select[name=Trainee] option[value='{stranger.UserId}']"));

        var refused = await browser.PostFormAsync($"/Training/Enroll/{session}", new() { ["Trainee"] = stranger.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("单位管理员可为本单位的同事报名", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_enrollments"));

        var done = await browser.PostFormAsync($"/Training/Enroll/{session}", new() { ["Trainee"] = colleague.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var row = Assert.Single(await kit.RowsAsync(session));
        Assert.Equal((colleague.UserId, admin.UserId, "requested", "paid"), (row.TraineeUserId, row.EnrolledBy, row.State, row.Billing));

        // An ordinary contact cannot enroll a colleague.
        var plain = await kit.App.SignInAsync(colleague.Email, EnrollmentKit.Password);
        var other = await kit.SessionAsync();
        var notAdmin = await plain.PostFormAsync($"/Training/Enroll/{other}", new() { ["Trainee"] = admin.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, notAdmin.StatusCode);
        Assert.Empty(await kit.RowsAsync(other));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffConfirmPaidRequestsOnTheirPageWhichCustomersCannotReach(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync();
        var organisation = await kit.OrganisationAsync("PAID", trainingsPerYear: null);
        var ann = await kit.ContactAsync(organisation);
        Assert.Equal(EnrollOutcome.Requested, await kit.EnrollAsync(session, organisation, ann));
        var customer = await kit.App.SignInAsync(ann.Email, EnrollmentKit.Password);
        Assert.True(Forbidden(await customer.GetAsync("/Training/Manage/Requests")));

        await kit.App.CreateUserAsync("staff@portal.example", EnrollmentKit.Password, PortalRoles.Staff);
        var staff = await kit.App.SignInAsync("staff@portal.example", EnrollmentKit.Password);
        var list = await staff.GetDocumentAsync("/Training/Manage/Requests");
        var id = list.QuerySelector("tr[data-enrollment]")!.GetAttribute("data-enrollment")!;
        Assert.True(Forbidden(await staff.GetAsync("/Training/Mine")));
        var posted = await staff.PostFormAsync("/Training/Manage/Requests", new() { ["id"] = id, ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(("enrolled", "paid"), ((await kit.RowsAsync(session)).Single().State, (await kit.RowsAsync(session)).Single().Billing));
        Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Enrolled));
    }

    private static bool Forbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Error/403", StringComparison.Ordinal));
}
