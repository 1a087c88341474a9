using Portal.Web.Export;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Reports;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class ReportsTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static string Shipped([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "content"));

    private static async Task<HttpClient> StaffAsync(Portal.Testing.PortalWebApp app, string language = "en")
    {
        var email = $"staff-{language}@portal.example";
        await app.CreateUserAsync(email, TrainingWebKit.Password, PortalRoles.Staff, language: language);
        return await app.SignInAsync(email, TrainingWebKit.Password);
    }

    private static Task EnrollAsync(TrainingWebKit kit, long session, long organisation, string name, string state, string? attendance) =>
        kit.ExecuteAsync("""
            INSERT INTO tr_enrollments (session_id, organisation_id, trainee_user_id, trainee_name, trainee_email, trainee_language, enrolled_by,
                state, billing, created_at, updated_at, attendance)
            VALUES (@session, @organisation, @user, @name, @email, 'zh-CN', @user, @state, 'free', @now, @now, @attendance)
            """, new { session, organisation, user = Random.Shared.NextInt64(1, long.MaxValue / 2), name, email = name + "@customer.example", state, now = DateTimeOffset.UtcNow, attendance });

    [Fact]
    public void CsvStartsWithABomQuotesAndKeepsFormulasAsText()
    {
        var bytes = CsvFile.Write(["姓名", "Note"], [["张伟", "a, \"b\""], ["=HYPERLINK(\"x\")", "line\nbreak"], ["+1", "-2"], ["@SUM(A1)", "plain"]]);

        Assert.Equal(Bom, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal(
            "姓名,Note\r\n张伟,\"a, \"\"b\"\"\"\r\n\"'=HYPERLINK(\"\"x\"\")\",\"line\nbreak\"\r\n'+1,'-2\r\n'@SUM(A1),plain\r\n",
            text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheRosterListsTraineesWithAttendanceAndDownloadsAsExcelCsv(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 2);
        var organisation = await kit.OrganisationAsync("HZW", trainingsPerYear: 5);
        var first = await kit.ContactAsync(organisation);
        var second = await kit.ContactAsync(organisation);
        var third = await kit.ContactAsync(organisation);
        foreach (var c in new[] { first, second, third }) await kit.EnrollAsync(session, organisation, c);
        await kit.Db.WriteAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, """
            UPDATE tr_enrollments SET trainee_name = CASE trainee_user_id WHEN @a THEN '张伟' WHEN @b THEN '=HYPERLINK("evil")' ELSE 'Chen, "Jing"' END,
                attendance = CASE trainee_user_id WHEN @a THEN 'attended' WHEN @b THEN 'absent' ELSE NULL END
            WHERE session_id = @session
            """, new { a = first.UserId, b = second.UserId, session }, tx));
        var staff = await StaffAsync(kit.App);

        var page = await TrainingWebKit.PageAsync(staff, $"/Training/Manage/Reports/Roster/{session}?sort=status");
        var rows = page.QuerySelectorAll("[data-testid=roster] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(3, rows.Count);
        // enrolled before waitlisted; within a state by name (ordinal: "=" before "张")
        Assert.Equal(["=HYPERLINK(\"evil\")", "Enrolled", "Absent"], new[] { rows[0][0], rows[0][3], rows[0][5] });
        Assert.Equal(["张伟", "Enrolled", "Attended"], new[] { rows[1][0], rows[1][3], rows[1][5] });
        Assert.Equal("Chen, \"Jing\"", rows[2][0]);
        Assert.StartsWith("Waitlisted", rows[2][3]);
        Assert.Equal("HZW Ltd", rows[0][2]);

        var csv = await staff.GetAsync($"/Training/Manage/Reports/Roster/{session}.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.True(csv.Headers.CacheControl?.NoStore, "A private export is never cached.");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Bom, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("Course,Start,Trainee,Email,Organisation,Enrollment,Billing,Attendance", lines[0]);
        Assert.Contains(lines, l => l.Contains(",张伟,", StringComparison.Ordinal) && l.EndsWith(",Enrolled,Free training,Attended", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",\"'=HYPERLINK(\"\"evil\"\")\",", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",\"Chen, \"\"Jing\"\"\",", StringComparison.Ordinal) && l.Contains(",Waitlisted,", StringComparison.Ordinal));
        Assert.StartsWith("KMS administrators: basics,", lines[1]);

        var zh = await (await StaffAsync(kit.App, "zh-CN")).GetByteArrayAsync($"/Training/Manage/Reports/Roster/{session}.csv");
        Assert.StartsWith("课程,开始时间,学员,", Encoding.UTF8.GetString(zh, 3, zh.Length - 3));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Training/Manage/Reports/Roster/999999.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Training/Manage/Reports/Roster/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Training/Manage/Reports/Roster/abc.csv")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheAttendanceRateCountsEnrolledTraineesOfSessionsHeldInTheRange(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        var course = await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS");
        var old = await kit.CourseAsync("KMS-OPERATOR-BASIC", "KMS");
        var now = DateTimeOffset.UtcNow;
        var completed = await kit.SessionAsync(course, now.AddDays(-10), status: "completed");
        var ended = await kit.SessionAsync(course, now.AddDays(-5));
        var cancelled = await kit.SessionAsync(course, now.AddDays(-3), status: "cancelled");
        var future = await kit.SessionAsync(course, now.AddDays(5));
        var longAgo = await kit.SessionAsync(old, now.AddDays(-400), status: "completed");
        await EnrollAsync(kit, completed, 1, "a1", "enrolled", "attended");
        await EnrollAsync(kit, completed, 1, "a2", "enrolled", "attended");
        await EnrollAsync(kit, completed, 2, "a3", "enrolled", "absent");
        await EnrollAsync(kit, completed, 2, "a4", "cancelled", null);
        await EnrollAsync(kit, ended, 1, "b1", "enrolled", null);
        await EnrollAsync(kit, ended, 1, "b2", "waitlisted", null);
        await EnrollAsync(kit, cancelled, 1, "c1", "enrolled", "attended");
        await EnrollAsync(kit, future, 1, "d1", "enrolled", null);
        await EnrollAsync(kit, longAgo, 1, "e1", "enrolled", "attended");
        var staff = await StaffAsync(kit.App);

        var page = await TrainingWebKit.PageAsync(staff, "/Training/Manage/Reports/Attendance");
        var rows = page.QuerySelectorAll("[data-testid=attendance] tbody tr").ToList();
        var row = Assert.Single(rows);
        Assert.Equal("KMS-ADMIN-BASIC", row.GetAttribute("data-course"));
        Assert.Equal(["2", "4", "2", "1", "50 %"], row.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent.Trim()).ToArray());

        var from = DateTime.UtcNow.AddDays(-500).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var wide = await TrainingWebKit.PageAsync(staff, $"/Training/Manage/Reports/Attendance?from={from}&sort=rate");
        Assert.Equal(["KMS-OPERATOR-BASIC", "KMS-ADMIN-BASIC"], wide.QuerySelectorAll("[data-testid=attendance] tbody tr").Select(r => r.GetAttribute("data-course") ?? "").ToArray());

        var csv = await staff.GetByteArrayAsync($"/Training/Manage/Reports/Attendance?handler=Csv&from={from}");
        Assert.Equal(Bom, csv[..3]);
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n");
        Assert.Equal("Code,Course,Sessions held,Enrolled,Attended,Absent,Attendance rate", lines[0]);
        Assert.Equal("KMS-ADMIN-BASIC,KMS-ADMIN-BASIC training,2,4,2,1,50%", lines[1]);
        Assert.Equal("KMS-OPERATOR-BASIC,KMS-OPERATOR-BASIC training,1,1,1,0,100%", lines[2]);

        var empty = await TrainingWebKit.PageAsync(staff, "/Training/Manage/Reports/Attendance?from=2001-01-01&to=2001-12-31&sort=DROP%20TABLE");
        Assert.NotNull(empty.QuerySelector("[data-testid=empty]"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheUsageReportShowsFreeTrainingsUsedPerOrganisationAndContractYear(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync();
        var busy = await kit.OrganisationAsync("BUSY", trainingsPerYear: 2);
        var idle = await kit.OrganisationAsync("IDLE", trainingsPerYear: 3);
        await kit.OrganisationAsync("NONE", trainingsPerYear: null);
        await kit.EnrollAsync(session, busy, await kit.ContactAsync(busy));
        await kit.EnrollAsync(session, busy, await kit.ContactAsync(busy));
        var year = EnrollmentKit.Today.AddDays(-10).Year;
        var staff = await StaffAsync(kit.App);

        var page = await TrainingWebKit.PageAsync(staff, $"/Training/Manage/Reports/Usage?year={year}&sort=used");
        var rows = page.QuerySelectorAll("[data-testid=usage] tbody tr").ToList();
        Assert.Equal(["BUSY", "IDLE"], rows.Select(r => r.GetAttribute("data-organisation") ?? "").ToArray());
        string Cell(int row, string id) => rows[row].QuerySelector($"[data-testid={id}]")!.TextContent.Trim();
        Assert.Equal(("2", "1", "1"), (Cell(0, "allowed"), Cell(0, "used"), Cell(0, "left")));
        Assert.Equal(("3", "0", "3"), (Cell(1, "allowed"), Cell(1, "used"), Cell(1, "left")));

        var csv = await staff.GetByteArrayAsync($"/Training/Manage/Reports/Usage?handler=Csv&year={year}");
        Assert.Equal(Bom, csv[..3]);
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n");
        Assert.Equal("Organisation,Code,Product,Contract year starts,Contract year ends,Free trainings,Used,Left", lines[0]);
        var start = EnrollmentKit.Today.AddDays(-10);
        Assert.Equal($"BUSY Ltd,BUSY,KMS-BUSY,{start:yyyy-MM-dd},{start.AddMonths(12).AddDays(-1):yyyy-MM-dd},2,1,1", lines[1]);
        Assert.Equal($"IDLE Ltd,IDLE,KMS-IDLE,{start:yyyy-MM-dd},{start.AddMonths(12).AddDays(-1):yyyy-MM-dd},3,0,3", lines[2]);

        var later = await TrainingWebKit.PageAsync(staff, $"/Training/Manage/Reports/Usage?year={year + 1}");
        Assert.Equal(["BUSY", "IDLE"], later.QuerySelectorAll("[data-testid=usage] tbody tr").Select(r => r.GetAttribute("data-organisation") ?? "").ToArray());
        Assert.All(later.QuerySelectorAll("[data-testid=used]"), td => Assert.Equal("0", td.TextContent.Trim()));
        var none = await TrainingWebKit.PageAsync(staff, $"/Training/Manage/Reports/Usage?year={year + 5}");
        Assert.NotNull(none.QuerySelector("[data-testid=empty]"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyStaffReachTheReports(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        var session = await kit.SessionAsync(await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS"), DateTimeOffset.UtcNow.AddDays(3));
        var customer = await kit.CustomerAsync();
        var anonymous = kit.App.Browser();
        var staff = await kit.StaffAsync();
        string[] urls =
        [
            "/Training/Manage/Reports", $"/Training/Manage/Reports/Roster/{session}", $"/Training/Manage/Reports/Roster/{session}.csv",
            "/Training/Manage/Reports/Usage", "/Training/Manage/Reports/Usage?handler=Csv",
            "/Training/Manage/Reports/Attendance", "/Training/Manage/Reports/Attendance?handler=Csv",
        ];
        foreach (var url in urls)
        {
            var refused = await customer.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"{url}: expected forbidden, got {(int)refused.StatusCode} {refused.Headers.Location}");
            Assert.Contains("/Account/SignIn", (await anonymous.GetAsync(url)).Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);
        }
        var empty = await TrainingWebKit.PageAsync(staff, $"/Training/Manage/Reports/Roster/{session}");
        Assert.NotNull(empty.QuerySelector("[data-testid=empty]"));
        var edit = await TrainingWebKit.PageAsync(staff, $"/Training/Manage/Sessions/Edit/{session}");
        Assert.Equal($"/Training/Manage/Reports/Roster/{session}", edit.QuerySelector("[data-testid=roster]")?.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheDemoCalendarGetsSessionsRelativeToTodayOnceAndOnlyInDemoMode(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        var importer = kit.App.Services.GetRequiredService<ContentImporter>();
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "training-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "training"));
        Directory.CreateDirectory(Path.Combine(folder, "demo"));
        File.Copy(Path.Combine(Shipped(), "products.yaml"), Path.Combine(folder, "products.yaml"));
        File.Copy(Path.Combine(Shipped(), "training", "courses.yaml"), Path.Combine(folder, "training", "courses.yaml"));
        File.Copy(Path.Combine(Shipped(), "demo", "training.yaml"), Path.Combine(folder, "demo", "training.yaml"));

        var plain = await importer.ImportAsync(folder, demo: false);
        Assert.Empty(plain.Errors);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_sessions"));

        var first = await importer.ImportAsync(folder, demo: true);
        Assert.Empty(first.Errors);
        Assert.Equal(5, first.Counts["demo training sessions"]);
        var second = await importer.ImportAsync(folder, demo: true);
        Assert.False(second.Counts.ContainsKey("demo training sessions"));
        Assert.Equal(5, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_sessions"));

        var now = DateTimeOffset.UtcNow;
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_sessions WHERE status = 'completed' AND ends_at < @now", new { now }));
        Assert.Equal(4, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_sessions WHERE status = 'scheduled' AND starts_at > @now AND starts_at < @until",
            new { now, until = now.AddDays(35) }));
        var calendar = await TrainingWebKit.PageAsync(kit.App.Browser(), "/Training?view=list");
        Assert.Equal(4, calendar.QuerySelectorAll("[data-testid=upcoming] > li").Length);
    }
}
