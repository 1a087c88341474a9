using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Sessions;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

/// <summary>Server-side sessions (issue 17 §1): the cookie names a row in acc_sessions, and the
/// session ends for good when that row goes.</summary>
public sealed class SessionTests
{
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private static async Task<PortalWebApp> StartWithCustomerAsync(string provider, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var app = await PortalWebApp.StartAsync(provider, settings, clock is null ? null : s => s.AddSingleton(clock));
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("wang@acme.example", AccountTestKit.Password, PortalRoles.Customer, org);
        return app;
    }

    private static async Task AssertSignedOutAsync(PortalWebApp app, string cookie, string url = "/Contracts/MyService")
    {
        var response = await SessionKit.GetWithCookieAsync(app, cookie, url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    private static async Task AssertSignedInAsync(PortalWebApp app, string cookie, string url = "/Contracts/MyService") =>
        Assert.Equal(HttpStatusCode.OK, (await SessionKit.GetWithCookieAsync(app, cookie, url)).StatusCode);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cookie_copied_before_sign_out_no_longer_opens_a_page_after_sign_out(string provider)
    {
        await using var app = await StartWithCustomerAsync(provider);
        var (browser, cookie) = await SessionKit.SignInAsync(app, "wang@acme.example");

        await AssertSignedInAsync(app, cookie);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_sessions"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/Account/SignOut", [])).StatusCode);

        await AssertSignedOutAsync(app, cookie);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_sessions"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_session_list_shows_each_device_and_signs_out_one_or_all_others(string provider)
    {
        await using var app = await StartWithCustomerAsync(provider);
        var (first, firstCookie) = await SessionKit.SignInAsync(app, "wang@acme.example", userAgent: Firefox);
        var (_, secondCookie) = await SessionKit.SignInAsync(app, "wang@acme.example", userAgent: Safari);
        var (_, thirdCookie) = await SessionKit.SignInAsync(app, "wang@acme.example");

        var page = await first.GetDocumentAsync("/Account/Sessions");
        var rows = page.QuerySelectorAll("[data-testid=session]");
        Assert.Equal(3, rows.Length);
        var mine = Assert.Single(rows, r => r.GetAttribute("data-this") == "true");
        Assert.Equal("Firefox · Windows", mine.QuerySelector("[data-testid=device]")?.TextContent.Trim());
        Assert.Contains(rows, r => r.QuerySelector("[data-testid=device]")?.TextContent.Trim() == "Safari · iOS");
        Assert.NotNull(page.QuerySelector("form[data-confirm] [data-testid=end-others]"));

        // "Sign out this one" on another device's row.
        var safariRow = rows.Single(r => r.QuerySelector("[data-testid=device]")?.TextContent.Trim() == "Safari · iOS");
        var safariId = safariRow.QuerySelector("input[name=session]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync("/Account/Sessions?handler=End", new() { ["session"] = safariId }, "/Account/Sessions")).StatusCode);
        await AssertSignedOutAsync(app, secondCookie);
        await AssertSignedInAsync(app, thirdCookie);

        // Everywhere else: the third ends, this one stays.
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync("/Account/Sessions?handler=EndOthers", [], "/Account/Sessions")).StatusCode);
        await AssertSignedOutAsync(app, thirdCookie);
        await AssertSignedInAsync(app, firstCookie);
        Assert.Single((await first.GetDocumentAsync("/Account/Sessions")).QuerySelectorAll("[data-testid=session]"));
        var user = await AdminSession.UserAsync(app, "wang@acme.example");
        Assert.Equal(1L, await app.AuditCountAsync(AuditEvents.SessionEnded, user.Id));
        Assert.Equal(1L, await app.AuditCountAsync(AuditEvents.SessionsEnded, user.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_user_cannot_end_someone_elses_session(string provider)
    {
        await using var app = await StartWithCustomerAsync(provider);
        await app.CreateUserAsync("li@acme.example", AccountTestKit.Password, PortalRoles.Customer, await app.CreateOrganisationAsync("OTHER", "Other"));
        var (_, victimCookie) = await SessionKit.SignInAsync(app, "wang@acme.example");
        var (attacker, _) = await SessionKit.SignInAsync(app, "li@acme.example");
        var victimId = await app.ScalarAsync<string>(
            "SELECT s.id FROM acc_sessions s JOIN acc_users u ON u.id = s.user_id WHERE u.email = 'wang@acme.example'");

        await attacker.PostFormAsync("/Account/Sessions?handler=End", new() { ["session"] = victimId }, "/Account/Sessions");
        await attacker.PostFormAsync("/Account/Sessions?handler=EndOthers", [], "/Account/Sessions");

        await AssertSignedInAsync(app, victimCookie);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admins_end_sessions_and_a_lock_end_all_of_the_users_sessions(string provider)
    {
        await using var app = await StartWithCustomerAsync(provider);
        var (admin, adminBrowser) = await AdminSession.SignInAdminAsync(app);
        var user = await AdminSession.UserAsync(app, "wang@acme.example");
        var (_, one) = await SessionKit.SignInAsync(app, "wang@acme.example");
        var (_, two) = await SessionKit.SignInAsync(app, "wang@acme.example");

        var details = await adminBrowser.GetDocumentAsync($"/Admin/Users/Details?id={user.Id}");
        Assert.NotNull(details.QuerySelector("[data-testid=end-sessions]"));
        var confirm = await adminBrowser.GetDocumentAsync($"/Admin/Users/EndSessions?id={user.Id}");
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm]"));
        Assert.Equal(HttpStatusCode.Redirect, (await adminBrowser.PostFormAsync($"/Admin/Users/EndSessions?id={user.Id}", [])).StatusCode);
        await AssertSignedOutAsync(app, one);
        await AssertSignedOutAsync(app, two);
        Assert.Equal(1L, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM acc_audit_log WHERE event = @E AND user_id = @User AND actor_id = @Admin",
            new { E = AuditEvents.SessionsEnded, User = user.Id, Admin = admin.Id }));

        var (_, three) = await SessionKit.SignInAsync(app, "wang@acme.example");
        await AssertSignedInAsync(app, three);
        Assert.Equal(HttpStatusCode.Redirect, (await adminBrowser.PostFormAsync($"/Admin/Users/Lock?id={user.Id}", [])).StatusCode);
        await AssertSignedOutAsync(app, three);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_sessions WHERE user_id = @Id", new { user.Id }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Customers_and_staff_may_not_end_sessions_as_an_admin(string provider)
    {
        await using var app = await StartWithCustomerAsync(provider);
        var user = await AdminSession.UserAsync(app, "wang@acme.example");
        await app.CreateUserAsync("staff@vendor.example", AccountTestKit.Password, PortalRoles.Staff);
        var (_, victim) = await SessionKit.SignInAsync(app, "wang@acme.example");
        foreach (var email in new[] { "wang@acme.example", "staff@vendor.example" })
        {
            var (browser, _) = await SessionKit.SignInAsync(app, email);
            var response = await browser.GetAsync($"/Admin/Users/EndSessions?id={user.Id}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        await AssertSignedInAsync(app, victim);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one(string provider)
    {
        await using var app = await StartWithCustomerAsync(provider);
        var (browser, _) = await SessionKit.SignInAsync(app, "wang@acme.example");
        var (_, other) = await SessionKit.SignInAsync(app, "wang@acme.example");

        var response = await browser.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = AccountTestKit.Password, ["Input.NewPassword"] = AccountTestKit.NewPassword, ["Input.ConfirmPassword"] = AccountTestKit.NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await AssertSignedOutAsync(app, other);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Contracts/MyService")).StatusCode);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_sessions"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_staff_session_dies_after_an_hour_idle_but_lives_while_used(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await StartWithCustomerAsync(provider, clock: clock);
        await app.CreateUserAsync("staff@vendor.example", AccountTestKit.Password, PortalRoles.Staff);
        var (_, staff) = await SessionKit.SignInAsync(app, "staff@vendor.example");
        var (_, customer) = await SessionKit.SignInAsync(app, "wang@acme.example");

        clock.Advance(TimeSpan.FromMinutes(40));
        await AssertSignedInAsync(app, staff, "/Account/Profile");
        clock.Advance(TimeSpan.FromMinutes(40));
        await AssertSignedInAsync(app, staff, "/Account/Profile");
        clock.Advance(TimeSpan.FromMinutes(61));
        await AssertSignedOutAsync(app, staff, "/Account/Profile");
        // A customer's idle limit is 8 hours: still signed in after 2 h 21 min without a request.
        await AssertSignedInAsync(app, customer);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_session_ends_at_its_absolute_limit_however_busy_and_the_sweep_deletes_dead_rows(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await StartWithCustomerAsync(provider, new Dictionary<string, string?> { ["Accounts:Sessions:CustomerAbsolute"] = "02:00:00" }, clock);
        var (_, busy) = await SessionKit.SignInAsync(app, "wang@acme.example");
        for (var i = 0; i < 4; i++)
        {
            await AssertSignedInAsync(app, busy);
            clock.Advance(TimeSpan.FromMinutes(29));
        }
        clock.Advance(TimeSpan.FromMinutes(5));
        var (_, fresh) = await SessionKit.SignInAsync(app, "wang@acme.example");

        // 2 h 01 min after sign-in: the sweep (which the background worker may also have run on the
        // advanced clock) deletes the dead row, never asked for again, and leaves the fresh one.
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetServices<ISweep>().Single(s => s.Name == "accounts.expired-sessions").RunAsync(default);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_sessions"));
        await AssertSignedOutAsync(app, busy);
        await AssertSignedInAsync(app, fresh);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_session_is_read_back_by_a_freshly_started_portal_on_the_same_database(string provider)
    {
        await using var app = await StartWithCustomerAsync(provider);
        var (_, cookie) = await SessionKit.SignInAsync(app, "wang@acme.example");
        var cookieOptions = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var outer = cookieOptions.TicketDataFormat.Unprotect(cookie[(SessionKit.CookieName.Length + 1)..])!;
        var key = outer.Principal.FindFirst("Microsoft.AspNetCore.Authentication.Cookies-SessionId")!.Value;
        Assert.DoesNotContain(outer.Principal.Claims, c => c.Type == ClaimTypes.Name);

        // A new process: its own service provider, memory cache and key ring, read from the database.
        await using var restarted = await TestServices.BuildAsync(app.Database, (s, _) => s.AddAccountsModule());
        var ticket = await restarted.GetRequiredService<SessionStore>().RetrieveAsync(key);
        Assert.Equal("wang@acme.example", ticket?.Principal.Identity?.Name);
    }
}
