using System.Globalization;
using System.Net;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Contracts;
using Portal.Modules.Training.Enrollments;
using Portal.Modules.Training.Reminders;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Training.Tests;

/// <summary>Calendars and mail: staff changes and cancellations as .ics updates, the trainee's own
/// cancellation, the personal feed and its token, reminders 3 days and 1 day before.</summary>
public sealed class CalendarMailTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static (Ical.Net.Calendar Calendar, CalendarEvent Event) Ics(EmailRequested email)
    {
        var calendar = Ical.Net.Calendar.Load(Assert.Single(email.Attachments!).Content)!;
        return (calendar, Assert.Single(calendar.Events));
    }

    private static async Task<HttpClient> StaffAsync(EnrollmentKit kit)
    {
        await kit.App.CreateUserAsync("staff@portal.example", EnrollmentKit.Password, PortalRoles.Staff);
        return await kit.App.SignInAsync("staff@portal.example", EnrollmentKit.Password);
    }

    private static Dictionary<string, string> Form(EnrollmentRow row, TimeSpan shift, string place) => new()
    {
        ["Input.CourseId"] = "1",
        ["Input.Starts"] = TrainingWebKit.Local(TimeZoneInfo.ConvertTime(row.StartsAt + shift, TrainingWebKit.Zone).DateTime),
        ["Input.Ends"] = TrainingWebKit.Local(TimeZoneInfo.ConvertTime(row.EndsAt + shift, TrainingWebKit.Zone).DateTime),
        ["Input.EnrollUntil"] = TrainingWebKit.Local(TimeZoneInfo.ConvertTime(row.StartsAt.AddDays(-2), TrainingWebKit.Zone).DateTime),
        ["Input.Place"] = place, ["Input.OnlineUrl"] = "", ["Input.Instructor"] = "王工", ["Input.Capacity"] = "1",
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffChangesAndCancellationsReachTraineesAsCalendarUpdatesWithTheSameUidAndAHigherSequence(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 1, sequence: 3);
        var course = await kit.ScalarAsync<long>("SELECT course_id FROM tr_sessions WHERE id = @session", new { session });
        var organisation = await kit.OrganisationAsync("UPD");
        var ann = await kit.ContactAsync(organisation, language: "en");
        var bob = await kit.ContactAsync(organisation);
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(session, organisation, ann));
        Assert.Equal(EnrollOutcome.Waitlisted, await kit.EnrollAsync(session, organisation, bob));
        var (_, invitation) = Ics(Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Enrolled)));
        var row = (await kit.RowsAsync(session))[0];
        var staff = await StaffAsync(kit);
        var page = $"/Training/Manage/Sessions/Edit/{session}";
        var form = Form(row, TimeSpan.FromHours(1), row.Place);
        form["Input.CourseId"] = course.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Redirect, (await TrainingWebKit.PostAsync(staff, page, page, form)).StatusCode);
        var update = Assert.Single(await kit.EmailsAsync(EnrollmentEmails.SessionChanged));
        Assert.Equal(ann.Email, update.To);
        Assert.Equal("en", update.Language);
        Assert.Contains("https://portal.example/Training/Mine", update.Values["link"], StringComparison.Ordinal);
        var (calendar, changed) = Ics(update);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(invitation.Uid, changed.Uid);
        Assert.True(changed.Sequence > invitation.Sequence);
        Assert.Equal("Asia/Shanghai", changed.DtStart!.TzId);
        Assert.Equal("Asia/Shanghai", Assert.Single(calendar.TimeZones).TzId);
        Assert.Equal(10, changed.DtStart.Value.Hour);

        // Saving without a change to times or place tells nobody.
        Assert.Equal(HttpStatusCode.Redirect, (await TrainingWebKit.PostAsync(staff, page, page, form)).StatusCode);
        Assert.Single(await kit.EmailsAsync(EnrollmentEmails.SessionChanged));

        Assert.Equal(HttpStatusCode.Redirect, (await TrainingWebKit.PostAsync(staff, page, page + "?handler=Cancel", [])).StatusCode);
        var cancellations = await kit.EmailsAsync(EnrollmentEmails.SessionCancelled);
        Assert.Equal(2, cancellations.Count);
        Assert.Equal(new HashSet<string> { ann.Email, bob.Email }, cancellations.Select(e => e.To).ToHashSet());
        var (cancelCalendar, cancelled) = Ics(cancellations.Single(e => e.To == ann.Email));
        Assert.Equal("CANCEL", cancelCalendar.Method);
        Assert.Equal(invitation.Uid, cancelled.Uid);
        Assert.True(cancelled.Sequence > changed.Sequence);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal("zh-CN", cancellations.Single(e => e.To == bob.Email).Language);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ATraineesOwnCancellationCarriesACancelForTheSameUidWithAHigherSequence(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(sequence: 3);
        var organisation = await kit.OrganisationAsync("OWN");
        var ann = await kit.ContactAsync(organisation);
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(session, organisation, ann));
        var id = (await kit.RowsAsync(session))[0].Id;
        Assert.Equal(CancelOutcome.Cancelled, await kit.WithWorkflowAsync(w => w.CancelAsync(id, ann.UserId, organisation, CancellationToken.None)));

        var (_, invitation) = Ics(Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Enrolled)));
        var (calendar, cancel) = Ics(Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Cancelled)));
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal(invitation.Uid, cancel.Uid);
        Assert.Equal(4, cancel.Sequence);
        Assert.Equal("CANCELLED", cancel.Status);
        Assert.Equal("Asia/Shanghai", cancel.DtStart!.TzId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThePersonalFeedListsTheTraineesSessionsWithoutACookieAndForgedOrReplacedTokensGet404(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var live = await kit.SessionAsync(startsInDays: 20);
        var dropped = await kit.SessionAsync(startsInDays: 25);
        var called = await kit.SessionAsync(startsInDays: 30);
        var other = await kit.SessionAsync(startsInDays: 35);
        var organisation = await kit.OrganisationAsync("FEED", trainingsPerYear: 5);
        var ann = await kit.ContactAsync(organisation);
        var bob = await kit.ContactAsync(organisation);
        foreach (var s in new[] { live, dropped, called }) Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(s, organisation, ann));
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(other, organisation, bob));
        var droppedId = (await kit.RowsAsync(dropped))[0].Id;
        await kit.WithWorkflowAsync(w => w.CancelAsync(droppedId, ann.UserId, organisation, CancellationToken.None));
        await kit.Db.WriteAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE tr_sessions SET status = 'cancelled' WHERE id = @called", new { called }, tx));

        var browser = await kit.App.SignInAsync(ann.Email, EnrollmentKit.Password);
        Assert.Null((await TrainingWebKit.PageAsync(browser, "/Training/Mine")).QuerySelector("[data-testid=feed-url]"));
        Assert.Equal(HttpStatusCode.Redirect, (await TrainingWebKit.PostAsync(browser, "/Training/CalendarFeed", "/Training/CalendarFeed", [])).StatusCode);
        var url = (await TrainingWebKit.PageAsync(browser, "/Training/Mine")).QuerySelector("[data-testid=feed-url]")!.GetAttribute("value")!;
        Assert.StartsWith("https://portal.example/Training/Feed/", url, StringComparison.Ordinal);
        var path = new Uri(url).AbsolutePath;
        var token = path["/Training/Feed/".Length..^".ics".Length];
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_feed_tokens WHERE token_hash = @token OR token_protected = @token", new { token }));

        var anonymous = kit.App.Browser();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var feed = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Asia/Shanghai", Assert.Single(feed.TimeZones).TzId);
        var events = feed.Events.ToDictionary(e => e.Uid!);
        Assert.Equal(3, events.Count);
        Assert.Equal("CONFIRMED", events[$"tr-session-{live}-{ann.UserId}@portal.example"].Status);
        Assert.Equal("CANCELLED", events[$"tr-session-{dropped}-{ann.UserId}@portal.example"].Status);
        Assert.Equal("CANCELLED", events[$"tr-session-{called}-{ann.UserId}@portal.example"].Status);
        Assert.Equal("Asia/Shanghai", events[$"tr-session-{live}-{ann.UserId}@portal.example"].DtStart!.TzId);

        var forged = new string('A', token.Length);
        foreach (var bad in new[] { $"/Training/Feed/{forged}.ics", "/Training/Feed/short.ics", $"/Training/Feed/{token[..^1]}!.ics" })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(bad)).StatusCode);

        var confirm = await TrainingWebKit.PageAsync(browser, "/Training/CalendarFeed");
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm-regenerate]"));
        Assert.Equal(HttpStatusCode.Redirect, (await TrainingWebKit.PostAsync(browser, "/Training/CalendarFeed", "/Training/CalendarFeed", [])).StatusCode);
        var renewed = (await TrainingWebKit.PageAsync(browser, "/Training/Mine")).QuerySelector("[data-testid=feed-url]")!.GetAttribute("value")!;
        Assert.NotEqual(url, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(renewed).AbsolutePath)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyCustomerContactsReachTheirCalendarFeedPage(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var anonymous = await kit.App.Browser().GetAsync("/Training/CalendarFeed");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/SignIn", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/Account/SignIn", (await kit.App.Browser().GetAsync("/Training/Mine")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var staff = await StaffAsync(kit);
        var refused = await staff.GetAsync("/Training/CalendarFeed");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
            $"expected forbidden, got {(int)refused.StatusCode} {refused.Headers.Location}");
        var organisation = await kit.OrganisationAsync("MAT");
        var ann = await kit.ContactAsync(organisation);
        var customer = await kit.App.SignInAsync(ann.Email, EnrollmentKit.Password);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync("/Training/CalendarFeed")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RemindersGoOutOnceThreeDaysAndOneDayBeforeTheStartEvenFromTwoNodes(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 2, startsInDays: 30);
        var called = await kit.SessionAsync(startsInDays: 30);
        var organisation = await kit.OrganisationAsync("REM", trainingsPerYear: 5);
        var ann = await kit.ContactAsync(organisation, language: "en");
        var bob = await kit.ContactAsync(organisation);
        var cat = await kit.ContactAsync(organisation);
        var dan = await kit.ContactAsync(organisation);
        var eve = await kit.ContactAsync(organisation);
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(session, organisation, ann));
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(session, organisation, bob));
        Assert.Equal(EnrollOutcome.Waitlisted, await kit.EnrollAsync(session, organisation, cat));
        Assert.Equal(EnrollOutcome.Waitlisted, await kit.EnrollAsync(session, organisation, eve));
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(called, organisation, dan));
        var bobs = (await kit.RowsAsync(session)).Single(r => r.TraineeUserId == bob.UserId);
        await kit.WithWorkflowAsync(w => w.CancelAsync(bobs.Id, bob.UserId, organisation, CancellationToken.None)); // cat takes the seat, eve waits
        await kit.Db.WriteAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE tr_sessions SET status = 'cancelled' WHERE id = @called", new { called }, tx));
        var remindable = new HashSet<string> { ann.Email, cat.Email };
        var starts = (await kit.RowsAsync(session))[0].StartsAt;
        var clock = new FakeTimeProvider(starts.AddDays(-4));

        async Task SweepAsync()
        {
            await using var one = kit.App.Services.CreateAsyncScope();
            await using var two = kit.App.Services.CreateAsyncScope();
            await Task.WhenAll(
                ActivatorUtilities.CreateInstance<SessionReminderSweep>(one.ServiceProvider, clock).RunAsync(CancellationToken.None),
                ActivatorUtilities.CreateInstance<SessionReminderSweep>(two.ServiceProvider, clock).RunAsync(CancellationToken.None));
        }

        await SweepAsync();
        Assert.Empty(await kit.EmailsAsync(EnrollmentEmails.Reminder));

        clock.SetUtcNow(starts.AddDays(-3).AddMinutes(10));
        await SweepAsync();
        await SweepAsync();
        var threeDays = await kit.EmailsAsync(EnrollmentEmails.Reminder);
        Assert.Equal(remindable, threeDays.Select(e => e.To).ToHashSet());
        Assert.Equal(2, threeDays.Count);
        var anns = threeDays.Single(e => e.To == ann.Email);
        Assert.Equal("in three days", anns.Values["when"]);
        Assert.Equal("三天后", threeDays.Single(e => e.To == cat.Email).Values["when"]);
        Assert.Equal("REQUEST", Ics(anns).Calendar.Method);
        Assert.Equal("Asia/Shanghai", Ics(anns).Event.DtStart!.TzId);

        clock.SetUtcNow(starts.AddDays(-1).AddMinutes(10));
        await SweepAsync();
        await SweepAsync();
        var all = await kit.EmailsAsync(EnrollmentEmails.Reminder);
        Assert.Equal(4, all.Count);
        Assert.Equal(remindable, all.Skip(2).Select(e => e.To).ToHashSet());
        Assert.Equal("within a day", all.Skip(2).Single(e => e.To == ann.Email).Values["when"]);

        clock.SetUtcNow(starts.AddHours(1));
        await SweepAsync();
        Assert.Equal(4, (await kit.EmailsAsync(EnrollmentEmails.Reminder)).Count);
        Assert.Equal(4, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_reminders"));
    }
}
