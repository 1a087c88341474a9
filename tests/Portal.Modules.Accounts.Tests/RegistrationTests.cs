using System.Net;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Areas.Account.Pages;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Invitations;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class RegistrationTests
{
    private static Dictionary<string, string> Form(string name = "Li Lei", string password = AccountTestKit.Password, string? confirm = null) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_invitation_creates_a_signed_in_account_in_its_organisation_once(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var token = await app.InviteAsync("li.lei@acme.example", org, PortalRoles.Customer, "en");
        var url = $"/Account/Register?token={token}";

        var browser = app.Browser();
        var form = await browser.GetDocumentAsync(url);
        Assert.Equal("li.lei@acme.example", form.QuerySelector("[data-testid=invited-email]")?.GetAttribute("value"));
        Assert.Equal("Invited Person", form.QuerySelector("input[name='Input.DisplayName']")?.GetAttribute("value"));

        var response = await browser.PostFormAsync(url, Form());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = await browser.GetDocumentAsync("/");
        Assert.Equal("Li Lei", home.TestId("account-menu"));
        Assert.Equal("en", home.DocumentElement.GetAttribute("lang"));

        var userId = await app.ScalarAsync<long>("SELECT id FROM acc_users WHERE normalized_email = 'LI.LEI@ACME.EXAMPLE'");
        Assert.Equal(org, await app.ScalarAsync<long>("SELECT organisation_id FROM acc_users WHERE id = @userId", new { userId }));
        Assert.True(await app.ScalarAsync<bool>("SELECT email_confirmed FROM acc_users WHERE id = @userId", new { userId }));
        Assert.Equal("en", await app.ScalarAsync<string>("SELECT preferred_language FROM acc_users WHERE id = @userId", new { userId }));
        Assert.Equal(PortalRoles.Customer, await app.ScalarAsync<string>("SELECT role FROM acc_user_roles WHERE user_id = @userId", new { userId }));
        Assert.Equal(1, await app.AuditCountAsync(AuditEvents.Registered, userId));

        // The link is single use: the page says so, shows no form, and a POST creates nothing.
        var again = app.Browser();
        var used = await again.GetDocumentAsync(url);
        Assert.True(used.Has("invitation-invalid"));
        Assert.Null(used.QuerySelector("input[name='Input.Password']"));
        var refused = await again.PostFormAsync(url, Form("Someone Else"), formPage: "/Account/SignIn");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_users"));
        Assert.Equal("Li Lei", await app.ScalarAsync<string>("SELECT display_name FROM acc_users WHERE id = @userId", new { userId }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Expired_and_unknown_tokens_are_refused_with_the_same_message(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var token = await app.InviteAsync("late@acme.example", org, PortalRoles.Customer);
        await app.ExecuteAsync("UPDATE acc_invitations SET expires_at = @Past", new { Past = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var browser = app.Browser();

        var expired = await browser.GetDocumentAsync($"/Account/Register?token={token}");
        var unknown = await browser.GetDocumentAsync("/Account/Register?token=not-a-real-token");
        var missing = await browser.GetDocumentAsync("/Account/Register");
        Assert.True(expired.Has("invitation-invalid"));
        Assert.Equal(expired.TestId("invitation-invalid"), unknown.TestId("invitation-invalid"));
        Assert.Equal(expired.TestId("invitation-invalid"), missing.TestId("invitation-invalid"));
        Assert.Null(expired.QuerySelector("input[name='Input.Password']"));

        var posted = await browser.PostFormAsync($"/Account/Register?token={token}", Form(), formPage: "/Account/SignIn");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_users"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rejected_password_keeps_the_invitation_and_the_entered_name(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var token = await app.InviteAsync("short@acme.example", org, PortalRoles.Customer);
        var browser = app.Browser();

        var response = await browser.PostFormAsync($"/Account/Register?token={token}", Form("Han Meimei", "short"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("12", page.QuerySelector("[data-valmsg-for='Input.Password']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Han Meimei", page.QuerySelector("input[name='Input.DisplayName']")?.GetAttribute("value"));

        var mismatch = await browser.PostFormAsync($"/Account/Register?token={token}", Form("Han Meimei", AccountTestKit.Password, "something different"));
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_users"));
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_invitations WHERE used_at IS NOT NULL"));

        var ok = await browser.PostFormAsync($"/Account/Register?token={token}", Form("Han Meimei"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_registration_that_loses_the_race_for_its_invitation_writes_nothing(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        var token = await app.InviteAsync("race@acme.example", org, PortalRoles.Customer);
        await using var scope = app.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<InvitationService>().FindValidAsync(token);
        Assert.NotNull(invitation);
        Assert.True(await scope.ServiceProvider.GetRequiredService<InvitationService>().MarkUsedAsync(invitation.Id));

        // The page found the invitation valid just before another registration used it.
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new RegisterModel.RegisterCommand(invitation with { Email = "other@acme.example" }, "Late Comer", AccountTestKit.Password));

        Assert.True(result.InvitationGone);
        Assert.Null(result.User);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_users"));
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_user_roles"));
    }
}
