using System.Net;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class AdminUsersTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Admin_invites_a_customer_which_records_the_invitation_and_its_email(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");

        var response = await browser.PostFormAsync("/Admin/Users/Invite", new()
        {
            ["Input.Email"] = " new.contact@acme.example ", ["Input.DisplayName"] = "New Contact", ["Input.Role"] = PortalRoles.Customer,
            ["Input.OrganisationId"] = acme.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Language"] = "en",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await AdminSession.ScalarAsync(app, """
            SELECT COUNT(*) FROM acc_invitations
            WHERE email = 'new.contact@acme.example' AND display_name = 'New Contact' AND role = 'Customer'
              AND organisation_id = @acme AND language = 'en' AND invited_by = @Id AND used_at IS NULL
            """, new { acme, admin.Id }));
        Assert.Equal(1, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM outbox WHERE event_type = @Type AND payload LIKE '%new.contact@acme.example%'",
            new { Type = typeof(EmailRequested).FullName }));
        Assert.Equal(1, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM acc_audit_log WHERE event = @Invited AND user_name = 'new.contact@acme.example' AND actor_id = @Id",
            new { Invited = AuditEvents.Invited, admin.Id }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_invitation_is_refused_for_an_existing_account_a_pending_invitation_and_when_the_organisation_does_not_fit_the_role(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (_, browser) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var org = acme.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.CreateUserAsync("taken@acme.example", AdminSession.Password, PortalRoles.Customer, acme);

        async Task<string> InviteAsync(string email, string role, string organisation)
        {
            var response = await browser.PostFormAsync("/Admin/Users/Invite", new()
            {
                ["Input.Email"] = email, ["Input.DisplayName"] = "Someone", ["Input.Role"] = role,
                ["Input.OrganisationId"] = organisation, ["Input.Language"] = "zh-CN",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("使用此电子邮箱地址的账户已存在。", await InviteAsync("TAKEN@acme.example", PortalRoles.Customer, org), StringComparison.Ordinal);
        Assert.Contains("请选择客户所属的单位。", await InviteAsync("x@acme.example", PortalRoles.Customer, ""), StringComparison.Ordinal);
        Assert.Contains("员工和管理员不属于任何单位，请将单位留空。", await InviteAsync("y@vendor.example", PortalRoles.Staff, org), StringComparison.Ordinal);
        Assert.Contains("请选择角色。", await InviteAsync("z@vendor.example", "Owner", ""), StringComparison.Ordinal);
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_invitations"));
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM outbox"));

        var first = await browser.PostFormAsync("/Admin/Users/Invite", new()
        {
            ["Input.Email"] = "pending@acme.example", ["Input.DisplayName"] = "Pending", ["Input.Role"] = PortalRoles.Customer,
            ["Input.OrganisationId"] = org, ["Input.Language"] = "zh-CN",
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("已向该地址发出邀请，尚未使用。", await InviteAsync("Pending@acme.example", PortalRoles.Customer, org), StringComparison.Ordinal);
        Assert.Equal(1, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_invitations"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Locking_ends_the_users_session_and_sign_in_until_an_admin_unlocks_the_account(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("c@acme.example", AdminSession.Password, PortalRoles.Customer, acme);
        var session = await app.SignInAsync("c@acme.example", AdminSession.Password);
        Assert.True(await AdminSession.IsSignedInAsync(session));

        var confirm = await browser.GetDocumentAsync($"/Admin/Users/Lock?id={user.Id}");
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm]"));
        var locked = await browser.PostFormAsync($"/Admin/Users/Lock?id={user.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        Assert.True((await AdminSession.UserAsync(app, "c@acme.example")).LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        Assert.False(await AdminSession.IsSignedInAsync(session));
        Assert.False(await AdminSession.TrySignInAsync(app, "c@acme.example"));
        var refused = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "c@acme.example", ["Input.Password"] = AdminSession.Password });
        Assert.Contains("此账号已被管理员锁定", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var details = await browser.GetDocumentAsync($"/Admin/Users/Details?id={user.Id}");
        Assert.Contains("已锁定", details.QuerySelector("[data-testid=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(details.QuerySelector("[data-testid=unlock]"));

        var unlocked = await browser.PostFormAsync($"/Admin/Users/Unlock?id={user.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        var after = await AdminSession.UserAsync(app, "c@acme.example");
        Assert.Null(after.LockoutEnd);
        Assert.Equal(0, after.AccessFailedCount);
        Assert.True(await AdminSession.TrySignInAsync(app, "c@acme.example"));

        Assert.Equal(1, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM acc_audit_log WHERE event = @Locked AND user_id = @User AND actor_id = @Admin",
            new { Locked = AuditEvents.Locked, User = user.Id, Admin = admin.Id }));
        Assert.Equal(1, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM acc_audit_log WHERE event = @Unlocked AND user_id = @User AND actor_id = @Admin",
            new { Unlocked = AuditEvents.Unlocked, User = user.Id, Admin = admin.Id }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admin_cannot_lock_their_own_account(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);

        var response = await browser.PostFormAsync($"/Admin/Users/Lock?id={admin.Id}", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("您不能锁定自己的账户。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await AdminSession.UserAsync(app, admin.Email!)).LockoutEnd);
        Assert.True(await AdminSession.IsSignedInAsync(browser));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_role_that_does_not_exist_for_a_user_who_never_signed_in_shows_the_form_again_with_an_error(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (_, browser) = await AdminSession.SignInAdminAsync(app);
        var user = await app.CreateUserAsync("new@portal.example", AdminSession.Password, PortalRoles.Staff);

        foreach (var (role, organisation) in new[] { ("Owner", ""), ("' OR 1=1--", "-1"), ("", "") })
        {
            var response = await browser.PostFormAsync($"/Admin/Users/ChangeRole?id={user.Id}", new() { ["Input.Role"] = role, ["Input.OrganisationId"] = organisation });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("请选择角色。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var unreadable = await browser.PostFormAsync($"/Admin/Users/ChangeRole?id={user.Id}", new() { ["Input.Role"] = PortalRoles.Customer, ["Input.OrganisationId"] = "99999999999999999999" });
        Assert.Equal(HttpStatusCode.OK, unreadable.StatusCode);
        Assert.Equal([PortalRoles.Staff], await AdminSession.RolesAsync(app, "new@portal.example"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Admin/Users/Details?id={user.Id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changing_a_role_replaces_the_old_one_ends_the_users_sessions_and_is_audited(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var user = await app.CreateUserAsync("c@acme.example", AdminSession.Password, PortalRoles.Customer, acme, authenticatorKey: AdminSession.Key);
        var session = await app.SignInAsync("c@acme.example", AdminSession.Password, AdminSession.Key);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/Admin/Users/Index")).StatusCode);

        var refused = await browser.PostFormAsync($"/Admin/Users/ChangeRole?id={user.Id}", new() { ["Input.Role"] = PortalRoles.Staff, ["Input.OrganisationId"] = acme.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("员工和管理员不属于任何单位，请将单位留空。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([PortalRoles.Customer], await AdminSession.RolesAsync(app, "c@acme.example"));

        var changed = await browser.PostFormAsync($"/Admin/Users/ChangeRole?id={user.Id}", new() { ["Input.Role"] = PortalRoles.Admin, ["Input.OrganisationId"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal([PortalRoles.Admin], await AdminSession.RolesAsync(app, "c@acme.example"));
        Assert.Null((await AdminSession.UserAsync(app, "c@acme.example")).OrganisationId);
        // The new security stamp ends the session the user had; signed in again, they have the new role.
        Assert.False(await AdminSession.IsSignedInAsync(session));
        var again = await app.SignInAsync("c@acme.example", AdminSession.Password, AdminSession.Key);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Admin/Users/Index")).StatusCode);
        Assert.Equal("Customer → Admin (ACME → -)", await AdminSession.SingleAsync<string>(app,
            "SELECT detail FROM acc_audit_log WHERE event = @RoleChanged AND user_id = @User AND actor_id = @Admin",
            new { RoleChanged = AuditEvents.RoleChanged, User = user.Id, Admin = admin.Id }));
        var details = await browser.GetDocumentAsync($"/Admin/Users/Details?id={user.Id}");
        Assert.Equal("管理员", details.QuerySelector("[data-testid=role]")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admin_cannot_remove_their_own_admin_role(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (admin, browser) = await AdminSession.SignInAdminAsync(app);

        var response = await browser.PostFormAsync($"/Admin/Users/ChangeRole?id={admin.Id}", new() { ["Input.Role"] = PortalRoles.Staff, ["Input.OrganisationId"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("您不能移除自己的管理员角色。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([PortalRoles.Admin], await AdminSession.RolesAsync(app, admin.Email!));
        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_audit_log WHERE event = @RoleChanged", new { RoleChanged = AuditEvents.RoleChanged }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_user_list_searches_by_name_or_email_filters_by_organisation_and_role_and_shows_status(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (_, browser) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        var beta = await app.CreateOrganisationAsync("BETA", "Beta");
        await app.CreateUserAsync("ann@acme.example", AdminSession.Password, PortalRoles.Customer, acme);
        await app.CreateUserAsync("a_b@acme.example", AdminSession.Password, PortalRoles.Customer, acme);
        await app.CreateUserAsync("bob@beta.example", AdminSession.Password, PortalRoles.Customer, beta);
        await app.CreateUserAsync("sue@vendor.example", AdminSession.Password, PortalRoles.Staff);
        await AdminSession.TrySignInAsync(app, "ann@acme.example");

        static string[] Emails(AngleSharp.Html.Dom.IHtmlDocument d) =>
            d.QuerySelectorAll("tr[data-email]").Select(r => r.GetAttribute("data-email")!).ToArray();

        Assert.Equal(["a_b@acme.example", "ann@acme.example"], Emails(await browser.GetDocumentAsync($"/Admin/Users/Index?org={acme}")).Order(StringComparer.Ordinal));
        Assert.Equal(["sue@vendor.example"], Emails(await browser.GetDocumentAsync("/Admin/Users/Index?role=Staff")));
        Assert.Equal(["a_b@acme.example"], Emails(await browser.GetDocumentAsync("/Admin/Users/Index?q=A_B")));
        Assert.Equal(["bob@beta.example"], Emails(await browser.GetDocumentAsync("/Admin/Users/Index?q=bob")));
        Assert.Empty(Emails(await browser.GetDocumentAsync($"/Admin/Users/Index?org={beta}&role=Staff")));

        var all = await browser.GetDocumentAsync("/Admin/Users/Index");
        Assert.Equal(5, Emails(all).Length);
        var ann = all.QuerySelector("tr[data-email='ann@acme.example']")!;
        Assert.Contains("Acme", ann.TextContent, StringComparison.Ordinal);
        Assert.Contains("客户", ann.TextContent, StringComparison.Ordinal);
        Assert.NotNull(ann.QuerySelector("time"));
        Assert.Null(all.QuerySelector("tr[data-email='bob@beta.example'] time"));
        var admin = all.QuerySelector("tr[data-email='admin@vendor.example']")!;
        Assert.Contains("已启用", admin.TextContent, StringComparison.Ordinal);
    }
}
