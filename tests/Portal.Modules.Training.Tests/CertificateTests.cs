using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Attendance;
using Portal.Modules.Training.Certificates;
using Portal.Modules.Training.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class CertificateTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    /// <summary>A session of a certifying course that started yesterday, with <paramref name="trainees"/> enrolled.</summary>
    private static async Task<(long Session, long Organisation, List<Portal.Modules.Accounts.Contracts.OrganisationContact> Trainees)> HeldSessionAsync(
        EnrollmentKit kit, int trainees = 2, bool certifies = true, string code = "HELD")
    {
        var session = await kit.SessionAsync(capacity: 5);
        var organisation = await kit.OrganisationAsync(code, trainingsPerYear: 2);
        var list = new List<Portal.Modules.Accounts.Contracts.OrganisationContact>();
        for (var i = 0; i < trainees; i++)
        {
            var t = await kit.ContactAsync(organisation);
            await kit.EnrollAsync(session, organisation, t);
            list.Add(t);
        }
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        await kit.Db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE tr_sessions SET starts_at = @start, ends_at = @end, enroll_until = @start WHERE id = @session;
            UPDATE tr_courses SET certifies = @certifies, certificate_months = 24 WHERE id = (SELECT course_id FROM tr_sessions WHERE id = @session);
            """, new { start, end = start.AddHours(8), session, certifies }, tx));
        return (session, organisation, list);
    }

    private static async Task<Dictionary<long, long>> EnrollmentsAsync(EnrollmentKit kit, long session) =>
        (await kit.RowsAsync(session)).Where(r => r.State == "enrolled").ToDictionary(r => r.TraineeUserId, r => r.Id);

    private static Task<AttendanceOutcome> RecordAsync(EnrollmentKit kit, long session, Dictionary<long, string> marks) =>
        kit.SendAsyncScoped<AttendanceWorkflow, AttendanceOutcome>(w => w.RecordAsync(session, 1, marks, CancellationToken.None));

    private static Task<long> CountAsync(EnrollmentKit kit, string sql, object? args = null) => kit.ScalarAsync<long>(sql, args);

    private static Task<long> AttendedEventsAsync(EnrollmentKit kit) =>
        CountAsync(kit, "SELECT COUNT(*) FROM outbox WHERE event_type = @Type", new { Type = typeof(SessionAttended).FullName });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RecordingAttendanceIssuesExactlyOneCertificateAndPublishesSessionAttendedOnce(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var (session, _, trainees) = await HeldSessionAsync(kit);
        var ids = await EnrollmentsAsync(kit, session);
        var (ann, bob) = (ids[trainees[0].UserId], ids[trainees[1].UserId]);

        Assert.Equal(AttendanceOutcome.Saved, await RecordAsync(kit, session, new() { [ann] = "attended", [bob] = "absent" }));
        Assert.Equal(AttendanceOutcome.Saved, await RecordAsync(kit, session, new() { [ann] = "attended", [bob] = "absent" }));
        Assert.Equal(AttendanceOutcome.Saved, await RecordAsync(kit, session, new() { [ann] = "absent" }));
        Assert.Equal(AttendanceOutcome.Saved, await RecordAsync(kit, session, new() { [ann] = "attended" }));

        Assert.Equal(1, await CountAsync(kit, "SELECT COUNT(*) FROM tr_certificates"));
        Assert.Equal(1, await CountAsync(kit, "SELECT COUNT(*) FROM tr_certificates WHERE enrollment_id = @ann", new { ann }));
        Assert.Equal("absent", await kit.ScalarAsync<string>("SELECT attendance FROM tr_enrollments WHERE id = @bob", new { bob }));
        Assert.Equal(1, await AttendedEventsAsync(kit));
        var number = await kit.ScalarAsync<string>("SELECT number FROM tr_certificates");
        Assert.True(CertificateNumber.LooksValid(number), number);
        var payload = await kit.ScalarAsync<string>("SELECT payload FROM outbox WHERE event_type = @Type", new { Type = typeof(SessionAttended).FullName });
        Assert.Contains(number, payload, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AttendanceOfANonCertifyingCourseIssuesNoCertificateButStillPublishesSessionAttended(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var (session, _, trainees) = await HeldSessionAsync(kit, trainees: 1, certifies: false);
        var ids = await EnrollmentsAsync(kit, session);

        Assert.Equal(AttendanceOutcome.Saved, await RecordAsync(kit, session, new() { [ids[trainees[0].UserId]] = "attended" }));

        Assert.Equal(0, await CountAsync(kit, "SELECT COUNT(*) FROM tr_certificates"));
        Assert.Equal(1, await AttendedEventsAsync(kit));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AttendanceCannotBeRecordedBeforeTheSessionStarts(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 5);
        var organisation = await kit.OrganisationAsync("EARLY");
        var trainee = await kit.ContactAsync(organisation);
        await kit.EnrollAsync(session, organisation, trainee);
        var id = (await EnrollmentsAsync(kit, session))[trainee.UserId];

        Assert.Equal(AttendanceOutcome.NotStarted, await RecordAsync(kit, session, new() { [id] = "attended" }));
        Assert.Null(await kit.ScalarAsync<string?>("SELECT attendance FROM tr_enrollments WHERE id = @id", new { id }));
        Assert.Equal(AttendanceOutcome.NotFound, await RecordAsync(kit, session + 1000, new() { [id] = "attended" }));
    }

    [Fact]
    public void CertificateNumbersAreUniqueAndNotSequential()
    {
        var day = new DateOnly(2026, 12, 7);
        var numbers = Enumerable.Range(0, 20_000).Select(_ => CertificateNumber.New(day)).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(numbers, n => Assert.True(CertificateNumber.LooksValid(n) && n.StartsWith("TC-2026-", StringComparison.Ordinal), n));
    }

    [Fact]
    public void ACertificateWithAChineseNameRendersAsAPdf()
    {
        var pdf = new CertificatePdf(Microsoft.Extensions.Logging.Abstractions.NullLogger<CertificatePdf>.Instance);
        var bytes = pdf.Render(new CertificateRow
        {
            Number = "TC-2026-ABCD-EFGH", TraineeName = "张伟", CourseTitleZh = "KMS 系统管理员基础培训", CourseTitleEn = "KMS administrators: basics",
            IssuedOn = new DateOnly(2026, 12, 7), ExpiresOn = new DateOnly(2028, 12, 7),
        }, "https://portal.example/Training/Certificate/Verify/TC-2026-ABCD-EFGH");
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(bytes, 0, 4), StringComparison.Ordinal);
        Assert.True(bytes.Length > 2000);
        // The certificate text is embedded (subset) in whichever font was usable; the name is in its ToUnicode map.
        var text = Encoding.Latin1.GetString(bytes);
        Assert.Contains("/FontFile2", text, StringComparison.Ordinal);
        // test.sh installs a TrueType CJK font (fonts-droid-fallback): without it Chinese names would not show.
        if (Environment.GetEnvironmentVariable(TestDatabase.StrictVariable) == "1") Assert.True(CertificateFonts.HasCjk, "No TrueType CJK font: install fonts-droid-fallback.");
        if (CertificateFonts.HasCjk) Assert.Contains("Droid#20Sans#20Fallback", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheDatabaseRejectsADuplicateCertificateNumber(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var (session, _, trainees) = await HeldSessionAsync(kit);
        var ids = await EnrollmentsAsync(kit, session);
        await RecordAsync(kit, session, new() { [ids[trainees[0].UserId]] = "attended", [ids[trainees[1].UserId]] = "attended" });
        var numbers = (await kit.Db.WriteAsync(async (c, tx) => (await c.QueryAsync<string>("SELECT number FROM tr_certificates", null, tx)).ToList())).ToList();
        Assert.Equal(2, numbers.Distinct().Count());

        await Assert.ThrowsAnyAsync<Exception>(() => kit.Db.WriteAsync((c, tx) =>
            c.ExecuteAsync("UPDATE tr_certificates SET number = @first WHERE number = @second", new { first = numbers[0], second = numbers[1] }, tx)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheVerificationPageAnswersValidExpiredRevokedAndUnknownNumbersAre404(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var (session, _, trainees) = await HeldSessionAsync(kit, trainees: 3);
        var ids = await EnrollmentsAsync(kit, session);
        await RecordAsync(kit, session, trainees.ToDictionary(t => ids[t.UserId], _ => "attended"));
        var numbers = new List<string>();
        foreach (var t in trainees)
            numbers.Add(await kit.ScalarAsync<string>("SELECT number FROM tr_certificates WHERE trainee_user_id = @UserId", new { t.UserId }));
        await kit.Db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE tr_certificates SET expires_on = @past WHERE number = @n",
            new { past = EnrollmentKit.Today.AddDays(-1), n = numbers[1] }, tx));
        var revokeId = await kit.ScalarAsync<long>("SELECT id FROM tr_certificates WHERE number = @n", new { n = numbers[2] });
        Assert.True(await kit.SendAsyncScoped<CertificateStore, bool>(s => s.RevokeAsync(revokeId, 1, "Wrong person", DateTimeOffset.UtcNow, CancellationToken.None)));

        var anonymous = kit.App.Browser();
        string[] expected = ["valid", "expired", "revoked"];
        for (var i = 0; i < 3; i++)
        {
            var page = await anonymous.GetDocumentAsync("/Training/Certificate/Verify/" + numbers[i]);
            Assert.Equal(expected[i], page.QuerySelector("[data-testid=status]")?.GetAttribute("data-status"));
            Assert.Equal(trainees[i].DisplayName, page.QuerySelector("[data-testid=name]")?.TextContent.Trim());
            Assert.DoesNotContain(trainees[i].Email, page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Wrong person", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Training/Certificate/Verify/TC-2026-AAAA-AAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Training/Certificate/Verify/nonsense")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyTheHolderDownloadsTheCertificatePdfWithAChineseName(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var (session, organisation, trainees) = await HeldSessionAsync(kit, trainees: 2);
        var holder = trainees[0];
        await kit.Db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE tr_enrollments SET trainee_name = '张伟' WHERE trainee_user_id = @UserId", new { holder.UserId }, tx));
        var ids = await EnrollmentsAsync(kit, session);
        await RecordAsync(kit, session, new() { [ids[holder.UserId]] = "attended" });
        var number = await kit.ScalarAsync<string>("SELECT number FROM tr_certificates");
        var url = $"/Training/Certificate/{number}.pdf";

        var browser = await kit.App.SignInAsync(holder.Email, EnrollmentKit.Password);
        var mine = await browser.GetDocumentAsync("/Training/Mine");
        Assert.Equal(url, mine.QuerySelector($"[data-certificate='{number}'] [data-testid=download]")?.GetAttribute("href"));
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(bytes, 0, 4), StringComparison.Ordinal);

        var colleague = await kit.App.SignInAsync(trainees[1].Email, EnrollmentKit.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Training/Certificate/TC-2026-AAAA-AAAA.pdf")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await kit.App.Browser().GetAsync(url)).StatusCode);
        _ = organisation;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffRecordAttendanceOnThePageAndRevokeACertificateWithAReason(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var (session, _, trainees) = await HeldSessionAsync(kit, trainees: 1);
        var id = (await EnrollmentsAsync(kit, session))[trainees[0].UserId];
        await kit.App.CreateUserAsync("staff@portal.example", EnrollmentKit.Password, PortalRoles.Staff);
        var staff = await kit.App.SignInAsync("staff@portal.example", EnrollmentKit.Password);
        var attendance = $"/Training/Manage/Sessions/Attendance/{session}";

        var roster = await staff.GetDocumentAsync(attendance);
        Assert.NotNull(roster.QuerySelector($"[data-enrollment='{id}']"));
        var saved = await staff.PostFormAsync(attendance, new() { [$"Marks[{id}]"] = "attended" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var number = await kit.ScalarAsync<string>("SELECT number FROM tr_certificates WHERE enrollment_id = @id", new { id });
        var certificateId = await kit.ScalarAsync<long>("SELECT id FROM tr_certificates WHERE number = @number", new { number });

        var search = await staff.GetDocumentAsync("/Training/Manage/Certificates?q=" + number[..9].ToLowerInvariant());
        Assert.NotNull(search.QuerySelector($"[data-certificate='{number}']"));
        var revokeUrl = $"/Training/Manage/Certificates?handler=Revoke&id={certificateId}";
        var confirmPage = $"/Training/Manage/Certificates?revoke={certificateId}";
        Assert.NotNull((await staff.GetDocumentAsync(confirmPage)).QuerySelector("[data-testid=confirm-revoke]"));
        var noReason = await staff.PostFormAsync(revokeUrl, new() { ["Reason"] = " " }, confirmPage);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(0, await CountAsync(kit, "SELECT COUNT(*) FROM tr_certificates WHERE revoked_at IS NOT NULL"));
        var revoked = await staff.PostFormAsync(revokeUrl, new() { ["Reason"] = "Attendance recorded by mistake" }, confirmPage);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("Attendance recorded by mistake", await kit.ScalarAsync<string>("SELECT revoke_reason FROM tr_certificates WHERE id = @certificateId", new { certificateId }));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync(revokeUrl, new() { ["Reason"] = "again" }, "/Training/Manage/Certificates")).StatusCode);

        var customer = await kit.App.SignInAsync(trainees[0].Email, EnrollmentKit.Password);
        foreach (var url in new[] { attendance, "/Training/Manage/Certificates" })
        {
            var refused = await customer.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"{url}: {(int)refused.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheExpiryReminderIsEmailedOnceSixtyDaysBeforeExpiry(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var (session, _, trainees) = await HeldSessionAsync(kit, trainees: 3);
        var ids = await EnrollmentsAsync(kit, session);
        await RecordAsync(kit, session, trainees.ToDictionary(t => ids[t.UserId], _ => "attended"));
        var soon = EnrollmentKit.Today.AddDays(30);
        await kit.Db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE tr_certificates SET expires_on = @soon WHERE trainee_user_id IN (@First, @Second)
            """, new { soon, First = trainees[0].UserId, Second = trainees[1].UserId }, tx));
        var revoked = await kit.ScalarAsync<long>("SELECT id FROM tr_certificates WHERE trainee_user_id = @UserId", new { trainees[1].UserId });
        await kit.SendAsyncScoped<CertificateStore, bool>(s => s.RevokeAsync(revoked, 1, "test", DateTimeOffset.UtcNow, CancellationToken.None));

        await SweepAsync(kit);
        await SweepAsync(kit);

        var reminder = Assert.Single(await kit.EmailsAsync(CertificateExpirySweep.Template));
        Assert.Equal(trainees[0].Email, reminder.To);
        Assert.Equal(Portal.Web.Formatting.DisplayTime.Date(soon), reminder.Values["expires"]);
        Assert.StartsWith("https://portal.example/", reminder.Values["link"], StringComparison.Ordinal);
    }

    private static async Task SweepAsync(EnrollmentKit kit)
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<ISweep>().Single(s => s.Name == "training.certificate-expiry").RunAsync(CancellationToken.None);
    }
}

internal static class CertificateKitExtensions
{
    public static async Task<T> SendAsyncScoped<TService, T>(this EnrollmentKit kit, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = kit.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
