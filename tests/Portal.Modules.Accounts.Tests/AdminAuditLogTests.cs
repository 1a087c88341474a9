using System.Globalization;
using System.Net;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class AdminAuditLogTests
{
    private static string[] Events(AngleSharp.Html.Dom.IHtmlDocument d) =>
        d.QuerySelectorAll("tr[data-event]").Select(r => r.GetAttribute("data-event")!).ToArray();

    private static string[] Users(AngleSharp.Html.Dom.IHtmlDocument d) =>
        d.QuerySelectorAll("tr[data-event] td:nth-child(3)").Select(c => c.TextContent.Trim()).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_security_log_lists_sign_ins_newest_first_and_filters_by_event_user_and_date(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("ann@acme.example", AdminSession.Password, PortalRoles.Customer, acme);
        await app.CreateUserAsync("a_b@acme.example", AdminSession.Password, PortalRoles.Customer, acme);
        await app.CreateUserAsync("axb@acme.example", AdminSession.Password, PortalRoles.Customer, acme);
        Assert.True(await AdminSession.TrySignInAsync(app, "ann@acme.example"));
        Assert.True(await AdminSession.TrySignInAsync(app, "a_b@acme.example"));
        Assert.True(await AdminSession.TrySignInAsync(app, "axb@acme.example"));
        var wrong = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "ann@acme.example", ["Input.Password"] = "not the password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var (_, admin) = await AdminSession.SignInAdminAsync(app);

        var all = await admin.GetDocumentAsync("/Admin/AuditLog/Index");
        Assert.Equal([AuditEvents.SignIn, AuditEvents.SignInFailed, AuditEvents.SignIn, AuditEvents.SignIn, AuditEvents.SignIn], Events(all));
        Assert.Equal(["admin@vendor.example", "ann@acme.example", "axb@acme.example", "a_b@acme.example", "ann@acme.example"], Users(all));
        var failedRow = all.QuerySelector($"tr[data-event='{AuditEvents.SignInFailed}']")!;
        Assert.Contains("登录失败", failedRow.TextContent, StringComparison.Ordinal);
        Assert.NotNull(failedRow.QuerySelector("time[datetime]"));

        var failed = await admin.GetDocumentAsync($"/Admin/AuditLog/Index?event={AuditEvents.SignInFailed}");
        Assert.Equal([AuditEvents.SignInFailed], Events(failed));

        Assert.Equal(["a_b@acme.example"], Users(await admin.GetDocumentAsync("/Admin/AuditLog/Index?user=A_B")));
        Assert.Equal(["ann@acme.example", "ann@acme.example"], Users(await admin.GetDocumentAsync("/Admin/AuditLog/Index?user=ann")));

        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai).DateTime);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(5, Events(await admin.GetDocumentAsync($"/Admin/AuditLog/Index?from={Day(today)}&to={Day(today)}")).Length);
        Assert.Empty(Events(await admin.GetDocumentAsync($"/Admin/AuditLog/Index?from={Day(today.AddDays(1))}")));
        Assert.Empty(Events(await admin.GetDocumentAsync($"/Admin/AuditLog/Index?to={Day(today.AddDays(-1))}")));

        var backwards = await admin.GetAsync($"/Admin/AuditLog/Index?from={Day(today)}&to={Day(today.AddDays(-3))}");
        Assert.Contains("结束日期早于开始日期。", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var nonsense = await admin.GetAsync("/Admin/AuditLog/Index?from=yesterday&event=%27%20OR%201%3D1&p=999999999");
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_security_log_pages_fifty_events_at_a_time(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (_, admin) = await AdminSession.SignInAdminAsync(app);
        for (var i = 0; i < 55; i++)
        {
            var wrong = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = $"nobody{i}@example.com", ["Input.Password"] = "x" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var first = await admin.GetDocumentAsync("/Admin/AuditLog/Index");
        Assert.Equal(50, Events(first).Length);
        Assert.Equal("nobody54@example.com", Users(first)[0]);
        var next = first.QuerySelector("[data-testid=page-next]")!.GetAttribute("href")!;
        var second = await admin.GetDocumentAsync(next);
        Assert.Equal(6, Events(second).Length); // 5 more failures and the admin's own sign-in
        Assert.Equal(AuditEvents.SignIn, Events(second)[^1]);
    }
}
