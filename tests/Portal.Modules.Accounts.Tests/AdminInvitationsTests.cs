using System.Globalization;
using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Areas.Admin.Pages.Invitations;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Invitations;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Contracts;
using Portal.Testing;
using Xunit;
using Portal.Web.Paging;

namespace Portal.Modules.Accounts.Tests;

public sealed class AdminInvitationsTests
{
    private const string Template = "accounts.invitation";

    private static string[] States(IHtmlDocument d) =>
        d.QuerySelectorAll("tr[data-email]").Select(r => r.GetAttribute("data-state")!).ToArray();

    private static string[] Emails(IHtmlDocument d) =>
        d.QuerySelectorAll("tr[data-email]").Select(r => r.GetAttribute("data-email")!).ToArray();

    private static async Task<(long Id, string Token)> InviteAsync(PortalWebApp app, string email, long? organisationId, long? invitedBy)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
        var token = await invitations.CreateAsync(email, "Invited Person", organisationId, PortalRoles.Customer, "zh-CN", invitedBy);
        return ((await invitations.FindValidAsync(token))!.Id, token);
    }

    private static async Task<bool> RegisterPageAcceptsAsync(PortalWebApp app, string token)
    {
        var page = await app.Browser().GetDocumentAsync($"/Account/Register?token={Uri.EscapeDataString(token)}");
        Assert.Equal(page.Has("invitation-invalid"), page.QuerySelector("input[name='Input.Password']") is null);
        return !page.Has("invitation-invalid");
    }

    private static Task<HttpResponseMessage> ResendAsync(HttpClient browser, long id) =>
        browser.PostFormAsync($"/Admin/Invitations/Index?handler=Resend&id={id}", [], formPage: "/Admin/Invitations/Index");

    private static string TokenOf(EmailRequested email) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(email.Values["link"]).Query)["token"].ToString();

    [Fact]
    public void Every_state_and_the_new_audit_events_have_a_chinese_name()
    {
        var table = new Portal.Web.Localization.StringTable([typeof(AccountsModule).Assembly, typeof(Portal.Web.WebServiceCollectionExtensions).Assembly])
            .For(Portal.Web.Localization.PortalCultures.Chinese);
        var names = InvitationStates.All.Select(InvitationStates.Describe)
            .Concat([AuditEventNames.Describe(AuditEvents.InvitationResent), AuditEventNames.Describe(AuditEvents.InvitationRevoked)]).ToList();

        Assert.Equal(6, names.Distinct().Count());
        Assert.All(names, n => Assert.True(table.ContainsKey(n), n));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_list_shows_invitations_newest_first_with_their_state_and_filters_by_state(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        await InviteAsync(app, "pending@acme.example", acme, admin.Id);
        var (expired, _) = await InviteAsync(app, "expired@acme.example", acme, admin.Id);
        var (used, _) = await InviteAsync(app, "used@acme.example", acme, null);
        var (revoked, _) = await InviteAsync(app, "revoked@acme.example", acme, null);
        await app.ExecuteAsync("UPDATE acc_invitations SET expires_at = @Past WHERE id = @expired", new { Past = DateTimeOffset.UtcNow.AddMinutes(-1), expired });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
            Assert.True(await invitations.MarkUsedAsync(used));
            Assert.True((await invitations.RevokeAsync(revoked))!.Changed);
        }

        var all = await browser.GetDocumentAsync("/Admin/Invitations");
        Assert.Equal(["revoked@acme.example", "used@acme.example", "expired@acme.example", "pending@acme.example"], Emails(all));
        Assert.Equal(["revoked", "used", "expired", "pending"], States(all));
        var pending = all.QuerySelector("tr[data-email='pending@acme.example']")!;
        foreach (var text in new[] { "Invited Person", "客户", "Acme", "admin@vendor.example", "待注册" })
            Assert.Contains(text, pending.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, pending.QuerySelectorAll("time[datetime]").Length);
        Assert.NotNull(pending.QuerySelector("[data-testid=resend]"));
        Assert.NotNull(all.QuerySelector("tr[data-email='expired@acme.example'] [data-testid=resend]"));
        Assert.Null(all.QuerySelector("tr[data-email='used@acme.example'] [data-testid=resend]"));
        Assert.Null(all.QuerySelector("tr[data-email='revoked@acme.example'] [data-testid=revoke]"));

        Assert.Equal(["pending@acme.example"], Emails(await browser.GetDocumentAsync("/Admin/Invitations/Index?state=pending")));
        Assert.Equal(["expired@acme.example"], Emails(await browser.GetDocumentAsync("/Admin/Invitations/Index?state=expired")));
        Assert.Equal(["used@acme.example"], Emails(await browser.GetDocumentAsync("/Admin/Invitations/Index?state=used")));
        Assert.Equal(["revoked@acme.example"], Emails(await browser.GetDocumentAsync("/Admin/Invitations/Index?state=revoked")));
        var nonsense = await browser.GetAsync("/Admin/Invitations/Index?state=%27%20OR%201%3D1&p=999999999");
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
        Assert.Equal(4, Emails(await browser.GetDocumentAsync("/Admin/Invitations/Index?state=%27%20OR%201%3D1")).Length);

        var users = await browser.GetDocumentAsync("/Admin/Users/Index");
        Assert.Equal("/Admin/Invitations", users.QuerySelector("[data-testid=invitations]")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_list_is_paged_and_says_when_nothing_matches(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);
        Assert.True((await browser.GetDocumentAsync("/Admin/Invitations")).Has("empty"));
        for (var i = 0; i < PagedList<InvitationRow>.DefaultPageSize + 2; i++)
            await InviteAsync(app, $"person{i:00}@vendor.example", null, admin.Id);

        var first = await browser.GetDocumentAsync("/Admin/Invitations?state=pending");
        Assert.Equal(PagedList<InvitationRow>.DefaultPageSize, Emails(first).Length);
        Assert.Equal("person26@vendor.example", Emails(first)[0]);
        var second = await browser.GetDocumentAsync(first.QuerySelector("[data-testid=page-next]")!.GetAttribute("href")!);
        Assert.Equal(["person01@vendor.example", "person00@vendor.example"], Emails(second));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sending_again_replaces_the_token_so_only_the_new_link_registers_and_a_used_invitation_cannot_be_sent_again(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var (id, oldToken) = await InviteAsync(app, "late@acme.example", acme, admin.Id);
        await app.ExecuteAsync("UPDATE acc_invitations SET expires_at = @Past WHERE id = @id", new { Past = DateTimeOffset.UtcNow.AddMinutes(-1), id });
        Assert.Single(await app.EmailsAsync(Template));

        var resent = await ResendAsync(browser, id);

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var emails = await app.EmailsAsync(Template);
        Assert.Equal(2, emails.Count);
        Assert.Equal("late@acme.example", emails[1].To);
        Assert.NotEqual(emails[0].DedupKey, emails[1].DedupKey);
        Assert.Equal(2, await AdminSession.ScalarAsync(app, "SELECT COUNT(DISTINCT dedup_key) FROM outbox"));
        var newToken = TokenOf(emails[1]);
        Assert.Equal(oldToken, TokenOf(emails[0]));
        Assert.NotEqual(oldToken, newToken);
        Assert.False(await RegisterPageAcceptsAsync(app, oldToken));
        Assert.True(await RegisterPageAcceptsAsync(app, newToken));
        Assert.True(await AdminSession.SingleAsync<DateTimeOffset>(app, "SELECT expires_at FROM acc_invitations WHERE id = @id", new { id })
            > DateTimeOffset.UtcNow.AddDays(6.9));
        Assert.Equal(["pending"], States(await browser.GetDocumentAsync("/Admin/Invitations")));
        Assert.Equal(1, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM acc_audit_log WHERE event = @Resent AND user_name = 'late@acme.example' AND actor_id = @Admin",
            new { Resent = AuditEvents.InvitationResent, Admin = admin.Id }));

        var stale = await app.Browser().PostFormAsync($"/Account/Register?token={oldToken}",
            new() { ["Input.DisplayName"] = "Late", ["Input.Password"] = AdminSession.Password, ["Input.ConfirmPassword"] = AdminSession.Password },
            formPage: "/Account/SignIn");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_users WHERE normalized_email = 'LATE@ACME.EXAMPLE'"));
        var registered = await app.Browser().PostFormAsync($"/Account/Register?token={newToken}",
            new() { ["Input.DisplayName"] = "Late", ["Input.Password"] = AdminSession.Password, ["Input.ConfirmPassword"] = AdminSession.Password });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var refused = await ResendAsync(browser, id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("此邀请已被用于注册。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await app.EmailsAsync(Template)).Count);
        Assert.Equal(["used"], States(await browser.GetDocumentAsync("/Admin/Invitations")));
        Assert.Equal(HttpStatusCode.NotFound, (await ResendAsync(browser, id + 1000)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_registration_with_a_link_replaced_while_the_form_was_posted_writes_nothing(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var (id, oldToken) = await InviteAsync(app, "race@acme.example", acme, null);
        await using var scope = app.Services.CreateAsyncScope();
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
        var found = await invitations.FindValidAsync(oldToken);
        Assert.NotNull(found);

        // The page found the old link valid just before an admin sent the invitation again.
        var reissued = await invitations.ReissueAsync(id);
        Assert.True(reissued is { Changed: true, Token: not null });
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new Areas.Account.Pages.RegisterModel.RegisterCommand(found, "Late Comer", AdminSession.Password));

        Assert.True(result.InvitationGone);
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_users"));
        Assert.True(await RegisterPageAcceptsAsync(app, reissued.Token));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Withdrawing_after_confirmation_stops_the_link_and_shows_the_invitation_as_revoked(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var (id, token) = await InviteAsync(app, "gone@acme.example", acme, admin.Id);
        Assert.True(await RegisterPageAcceptsAsync(app, token));

        var confirm = await browser.GetDocumentAsync($"/Admin/Invitations/Revoke?id={id}");
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm]"));
        Assert.Contains("gone@acme.example", confirm.MainText(), StringComparison.Ordinal);
        Assert.True(await RegisterPageAcceptsAsync(app, token));

        var revoked = await browser.PostFormAsync($"/Admin/Invitations/Revoke?id={id}", []);

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False(await RegisterPageAcceptsAsync(app, token));
        var list = await browser.GetDocumentAsync("/Admin/Invitations");
        Assert.Equal(["revoked"], States(list));
        Assert.Equal("已撤销", list.TestId("state"));
        Assert.Equal(1, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM acc_audit_log WHERE event = @Revoked AND user_name = 'gone@acme.example' AND actor_id = @Admin",
            new { Revoked = AuditEvents.InvitationRevoked, Admin = admin.Id }));
        var log = await browser.GetDocumentAsync($"/Admin/AuditLog/Index?event={AuditEvents.InvitationRevoked}");
        Assert.Contains("邀请被撤销", log.QuerySelector($"tr[data-event='{AuditEvents.InvitationRevoked}']")!.TextContent, StringComparison.Ordinal);

        var again = await browser.GetDocumentAsync($"/Admin/Invitations/Revoke?id={id}");
        Assert.Null(again.QuerySelector("[data-testid=confirm]"));
        Assert.True(again.Has("closed"));
        var resend = await ResendAsync(browser, id);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Contains("此邀请已被撤销。", await resend.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await app.EmailsAsync(Template));
        Assert.False(await RegisterPageAcceptsAsync(app, token));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_handlers_refuse_a_non_admin_even_when_called_directly(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var (id, token) = await InviteAsync(app, "kept@acme.example", acme, null);
        var staff = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "7"), new Claim(ClaimTypes.Role, PortalRoles.Staff), new Claim("amr", "mfa")], "test"));
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        Assert.Equal(CommandStatus.Forbidden, (await mediator.Send(new IndexModel.ResendCommand(staff, id))).Status);
        Assert.Equal(CommandStatus.Forbidden, (await mediator.Send(new RevokeModel.Command(staff, id))).Status);
        Assert.Equal(CommandStatus.Forbidden, (await mediator.Send(new RevokeModel.Command(new ClaimsPrincipal(new ClaimsIdentity()), id))).Status);

        Assert.True(await RegisterPageAcceptsAsync(app, token));
        Assert.Single(await app.EmailsAsync(Template));
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_invitations WHERE revoked_at IS NOT NULL"));
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_audit_log"));
    }
}
