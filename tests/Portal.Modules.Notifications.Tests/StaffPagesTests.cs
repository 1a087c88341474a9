using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Notifications.Tests;

/// <summary>The staff pages in the whole app, with the background worker delivering the outbox.</summary>
public sealed class StaffPagesTests
{
    private const string Password = "correct horse battery";

    private static Task EnqueueAsync(PortalWebApp app, EmailRequested email) =>
        app.Services.GetRequiredService<IDb>().WriteAsync((c, tx) =>
            app.Services.GetRequiredService<IOutbox>().EnqueueAsync(c, tx, email, email.DedupKey));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_see_outgoing_mail_newest_first_filtered_and_paged(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await app.CreateUserAsync("staff@vendor.example", Password, PortalRoles.Staff);
        for (var i = 1; i <= 51; i++)
            await EnqueueAsync(app, NotificationTesting.Invitation($"k:{i}", to: $"user{i}@customer.example", name: $"User {i}"));
        await EnqueueAsync(app, NotificationTesting.Invitation("k:broken", to: "broken@customer.example", template: "accounts.gone"));
        await NotificationTesting.WaitUntilAsync(async () => (await app.Services.MessageAsync("k:51"))?.State == "sent"
            && (await app.Services.MessageAsync("k:broken"))?.State == "failed", "the emails were handled");

        var staff = await app.SignInAsync("staff@vendor.example", Password);
        var page = await staff.GetDocumentAsync("/Notifications/Manage/Mail");
        var rows = page.QuerySelectorAll("[data-testid=mail-table] tbody tr");
        Assert.Equal(50, rows.Length);
        Assert.Contains("共 52 封邮件", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("第 1 页，共 2 页", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains("broken@customer.example", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("发送失败", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("There is no email template \"accounts.gone\" in zh-CN.", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("user51@customer.example", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("邀请您注册客户服务门户账号", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("已发送", rows[1].TextContent, StringComparison.Ordinal);

        var next = page.QuerySelector("a.page-link")!.GetAttribute("href")!;
        var second = await staff.GetDocumentAsync(next);
        var rest = second.QuerySelectorAll("[data-testid=mail-table] tbody tr");
        Assert.Equal(2, rest.Length);
        Assert.Contains("user1@customer.example", rest[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("第 2 页，共 2 页", second.Body!.TextContent, StringComparison.Ordinal);

        var failed = await staff.GetDocumentAsync("/Notifications/Manage/Mail?State=failed");
        Assert.Contains("broken@customer.example", Assert.Single(failed.QuerySelectorAll("[data-testid=mail-table] tbody tr")).TextContent, StringComparison.Ordinal);
        Assert.Equal("failed", failed.QuerySelector("#state option[selected]")!.GetAttribute("value"));

        var pending = await staff.GetDocumentAsync("/Notifications/Manage/Mail?State=pending");
        Assert.Equal("没有处于此状态的邮件。", pending.QuerySelector("[data-testid=mail-empty]")!.TextContent.Trim());

        // An unknown state is not an error: it shows everything.
        var unknown = await staff.GetDocumentAsync("/Notifications/Manage/Mail?State=x';--&PageNumber=999");
        Assert.Equal(2, unknown.QuerySelectorAll("[data-testid=mail-table] tbody tr").Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_see_dead_letters_and_can_retry_them(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "1" });
        await app.CreateUserAsync("staff@vendor.example", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("staff@vendor.example", Password);
        var empty = await staff.GetDocumentAsync("/Notifications/Manage/Outbox");
        Assert.NotNull(empty.QuerySelector("[data-testid=outbox-empty]"));

        await EnqueueAsync(app, NotificationTesting.Invitation("k:dead", template: "accounts.gone"));
        await NotificationTesting.WaitUntilAsync(async () => (await app.Services.OutboxRowAsync("k:dead")).DeadAt is not null, "the email was dead-lettered");

        var page = await staff.GetDocumentAsync("/Notifications/Manage/Outbox");
        Assert.Equal("0", page.QuerySelector("[data-testid=outbox-pending]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("[data-testid=outbox-dead]")!.TextContent.Trim());
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=dead-letters] tbody tr"));
        Assert.Contains("k:dead", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("EmailRequested", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("There is no email template \"accounts.gone\" in zh-CN.", row.TextContent, StringComparison.Ordinal);
        var form = row.QuerySelector("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("现在重新投递吗？", form.GetAttribute("data-confirm"));
        var id = form.QuerySelector("input[name=id]")!.GetAttribute("value")!;

        var retried = await staff.PostFormAsync(form.GetAttribute("action")!, new() { ["id"] = id }, "/Notifications/Manage/Outbox");
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var after = await staff.GetDocumentAsync(retried.Headers.Location!.OriginalString);
        Assert.Contains("已重新加入投递队列", after.QuerySelector(".alert[role=status]")!.TextContent, StringComparison.Ordinal);
        // The handler ran again: a second attempt is recorded on the email.
        await NotificationTesting.WaitUntilAsync(async () => (await app.Services.MessageAsync("k:dead"))!.Attempts == 2, "the retried email was handled again");

        // Retrying something that is not (or no longer) a dead letter says so.
        var stale = await staff.PostFormAsync("/Notifications/Manage/Outbox?handler=Retry", new() { ["id"] = "999999" }, "/Notifications/Manage/Outbox");
        var warning = await staff.GetDocumentAsync(stale.Headers.Location!.OriginalString);
        Assert.Contains("该投递已不在死信中", warning.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_staff_reach_the_pages_and_see_them_in_the_navigation(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("customer@acme.example", Password, PortalRoles.Customer, org);
        await app.CreateUserAsync("staff@vendor.example", Password, PortalRoles.Staff);

        var anonymous = app.Browser();
        foreach (var url in new[] { "/Notifications/Manage/Mail", "/Notifications/Manage/Outbox" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var customer = await app.SignInAsync("customer@acme.example", Password);
        foreach (var url in new[] { "/Notifications/Manage/Mail", "/Notifications/Manage/Outbox" })
        {
            var response = await customer.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Error/403", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var customerPost = await customer.PostAsync("/Notifications/Manage/Outbox?handler=Retry", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "1" }));
        Assert.NotEqual(HttpStatusCode.OK, customerPost.StatusCode);
        var customerHome = await customer.GetDocumentAsync("/");
        Assert.Null(customerHome.QuerySelector("a[href='/Notifications/Manage/Mail']"));

        var staff = await app.SignInAsync("staff@vendor.example", Password);
        var home = await staff.GetDocumentAsync("/");
        Assert.Equal("发件记录", home.QuerySelector("a[href='/Notifications/Manage/Mail']")!.TextContent.Trim());
        Assert.Equal("后台投递", home.QuerySelector("a[href='/Notifications/Manage/Outbox']")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Notifications/Manage/Mail")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Notifications/Manage/Outbox")).StatusCode);
    }
}
