using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Domain;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>/Feedback/Manage/Holidays over HTTP, on both databases: staff read, admins (with two-factor) edit and import.</summary>
public sealed class HolidayPagesTests
{
    private const string Password = "correct horse battery staple";
    private const string Key = "JBSWY3DPEHPK3PXP";
    private const string Index = "/Feedback/Manage/Holidays";

    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static async Task<PortalWebApp> StartAsync(string provider)
    {
        var empty = Path.Combine(Path.GetTempPath(), "portal-tests", "no-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        return await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Portal:ContentPath"] = empty });
    }

    private static async Task<HttpClient> AdminAsync(PortalWebApp app, string language = "zh-CN")
    {
        await app.CreateUserAsync($"admin-{language}@portal.example", Password, PortalRoles.Admin, authenticatorKey: Key, language: language);
        return await app.SignInAsync($"admin-{language}@portal.example", Password, Key);
    }

    private static void AssertForbidden(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || response.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
            $"expected forbidden, got {(int)response.StatusCode} {response.Headers.Location}");

    private static async Task<long> CountAsync(PortalWebApp app)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fb_holidays");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffSeeTheCalendarButOnlyAdminsChangeIt(string provider)
    {
        await using var app = await StartAsync(provider);
        await app.CreateUserAsync("staff@portal.example", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("staff@portal.example", Password);
        var organisation = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("c@acme.example", Password, PortalRoles.Customer, organisation);
        var customer = await app.SignInAsync("c@acme.example", Password);

        var page = await staff.GetDocumentAsync(Index + "?year=2026");

        Assert.Contains("节假日日历", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=add]"));
        Assert.NotNull(page.QuerySelector("a[href='/Feedback/Manage/Holidays']"));
        AssertForbidden(await staff.GetAsync(Index + "/Edit"));
        AssertForbidden(await staff.GetAsync(Index + "/Import"));
        AssertForbidden(await customer.GetAsync(Index));
        Assert.Contains("/Account/SignIn", (await app.Browser().GetAsync(Index)).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnAdminAddsEditsAndDeletesADayAndTheClockFollows(string provider)
    {
        await using var app = await StartAsync(provider);
        var admin = await AdminAsync(app);
        var clock = app.Services.GetRequiredService<IServiceClock>();
        var friday = new DateTimeOffset(2026, 11, 6, 16, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 11, 0, 0, TimeSpan.FromHours(8)), await clock.DueAsync(friday, TimeSpan.FromHours(4), true, default));

        var added = await admin.PostFormAsync(Index + "/Edit", new() { ["Input.Date"] = "2026-11-07", ["Input.Kind"] = "workday", ["Input.Name"] = "调休" });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(Index + "?year=2026", added.Headers.Location!.OriginalString);
        var list = await admin.GetDocumentAsync(Index + "?year=2026");
        var row = list.QuerySelector("tr[data-day='2026-11-07']")!;
        Assert.Contains("调休上班日", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("星期六", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 11, 0, 0, TimeSpan.FromHours(8)), await clock.DueAsync(friday, TimeSpan.FromHours(4), true, default));

        var edit = await admin.GetDocumentAsync(Index + "/Edit?day=2026-11-07");
        Assert.Equal("调休", edit.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        var moved = await admin.PostFormAsync(Index + "/Edit?day=2026-11-07",
            new() { ["Input.Date"] = "2026-11-08", ["Input.Kind"] = "workday", ["Input.Name"] = "公司调休" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Null((await admin.GetDocumentAsync(Index + "?year=2026")).QuerySelector("tr[data-day='2026-11-07']"));

        var confirm = await admin.GetDocumentAsync(Index + "/Delete?day=2026-11-08");
        Assert.Contains("公司调休", confirm.QuerySelector("[data-testid=day]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm]"));
        Assert.Equal(1L, await CountAsync(app));

        var deleted = await admin.PostFormAsync(Index + "/Delete?day=2026-11-08", new());

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0L, await CountAsync(app));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Index + "/Delete?day=2026-11-08")).StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 11, 0, 0, TimeSpan.FromHours(8)), await clock.DueAsync(friday, TimeSpan.FromHours(4), true, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InvalidDaysAreRefusedWithAMessageAndNothingStored(string provider)
    {
        await using var app = await StartAsync(provider);
        var admin = await AdminAsync(app);
        await admin.PostFormAsync(Index + "/Edit", new() { ["Input.Date"] = "2026-10-01", ["Input.Kind"] = "holiday", ["Input.Name"] = "国庆节" });

        var monday = await admin.PostFormAsync(Index + "/Edit", new() { ["Input.Date"] = "2026-11-09", ["Input.Kind"] = "workday", ["Input.Name"] = "x" }, Index + "/Edit");
        var taken = await admin.PostFormAsync(Index + "/Edit", new() { ["Input.Date"] = "2026-10-01", ["Input.Kind"] = "holiday", ["Input.Name"] = "y" }, Index + "/Edit");
        var empty = await admin.PostFormAsync(Index + "/Edit", new() { ["Input.Date"] = "", ["Input.Kind"] = "holiday", ["Input.Name"] = "" }, Index + "/Edit");

        Assert.Equal(HttpStatusCode.OK, monday.StatusCode);
        Assert.Contains("这一天本来就是工作日", await monday.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("日历中已有这一天的记录。", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Contains("请输入日期。", emptyHtml, StringComparison.Ordinal);
        Assert.Contains("请输入节日名称。", emptyHtml, StringComparison.Ordinal);
        Assert.Equal(1L, await CountAsync(app));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Index + "/Edit?day=2026-12-25")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnUploadedCalendarImportsWholeOrNotAtAll(string provider)
    {
        await using var app = await StartAsync(provider);
        var admin = await AdminAsync(app, "en");
        var broken = "- name: 元旦\n  off: 2027-01-01\n- name: 春节\n  off: 2027-02-05..2027-02-08\n  workdays: 2027-02-10\n"u8.ToArray();

        var refused = await admin.PostFileAsync(Index + "/Import", "file", "2027.yaml", broken);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was imported: the file has errors.", html, StringComparison.Ordinal);
        Assert.Contains("2027.yaml:5: 2027-02-10 is a Wednesday, already a working day", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(app));

        var latin1 = "- name: 元旦\n  off: 2027-01-01\n"u8.ToArray().Concat(new byte[] { 0x23, 0x20, 0xE9, 0x0A }).ToArray();
        var notUtf8 = await admin.PostFileAsync(Index + "/Import", "file", "2027.yaml", latin1);
        Assert.Contains("2027.yaml: not valid UTF-8 at byte 35", System.Net.WebUtility.HtmlDecode(await notUtf8.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(app));

        var shipped = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Content, "holidays", "2026.yaml"));
        var imported = await admin.PostFileAsync(Index + "/Import", "file", "2026.yaml", shipped);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(39L, await CountAsync(app));
        var list = await admin.GetDocumentAsync(imported.Headers.Location!.OriginalString);
        Assert.Contains("Imported: 39 days added, 0 changed, 0 unchanged.", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Make-up working day", list.QuerySelector("tr[data-day='2026-10-10']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Saturday", list.QuerySelector("tr[data-day='2026-10-10']")!.TextContent, StringComparison.Ordinal);

        var again = await admin.PostFileAsync(Index + "/Import", "file", "2026.yaml", shipped);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Imported: 0 days added, 0 changed, 39 unchanged.", (await admin.GetDocumentAsync(Index)).Body!.TextContent, StringComparison.Ordinal);
    }
}
