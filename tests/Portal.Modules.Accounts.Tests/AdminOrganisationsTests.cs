using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

public sealed class AdminOrganisationsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Admin_creates_an_organisation_and_a_duplicate_or_malformed_code_is_refused_with_a_message(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (_, admin) = await AdminSession.SignInAdminAsync(app);

        var created = await admin.PostFormAsync("/Admin/Organisations/Create", new()
        {
            ["Input.Code"] = "ACME-01", ["Input.Name"] = "  Acme Industries ", ["Input.AccountManagerEmail"] = "am@vendor.example",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(1, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM acc_organisations WHERE code = 'ACME-01' AND name = 'Acme Industries' AND account_manager_email = 'am@vendor.example'"));
        var list = await admin.GetDocumentAsync("/Admin/Organisations/Index");
        Assert.NotNull(list.QuerySelector("tr[data-code='ACME-01']"));

        var duplicate = await admin.PostFormAsync("/Admin/Organisations/Create", new() { ["Input.Code"] = "ACME-01", ["Input.Name"] = "Another" });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var html = await AdminSession.TextAsync(duplicate);
        Assert.Contains("代码为 ACME-01 的单位已存在。", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Another\"", html, StringComparison.Ordinal); // what was typed is kept

        var malformed = await admin.PostFormAsync("/Admin/Organisations/Create", new() { ["Input.Code"] = "acme 2", ["Input.Name"] = "Lower" });
        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.Contains("代码只能包含大写字母 A–Z、数字和连字符。", await AdminSession.TextAsync(malformed), StringComparison.Ordinal);

        var missing = await admin.PostFormAsync("/Admin/Organisations/Create", new() { ["Input.Code"] = "", ["Input.Name"] = "" });
        var missingHtml = await AdminSession.TextAsync(missing);
        Assert.Contains("请输入代码。", missingHtml, StringComparison.Ordinal);
        Assert.Contains("请输入单位名称。", missingHtml, StringComparison.Ordinal);
        Assert.Equal(1, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_organisations"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Admin_edits_an_organisation_and_cannot_take_another_organisations_code(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (_, admin) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateOrganisationAsync("BETA", "Beta");

        var saved = await admin.PostFormAsync($"/Admin/Organisations/Edit?id={acme}", new()
        {
            ["Input.Code"] = "ACME-CN", ["Input.Name"] = "Acme China", ["Input.AccountManagerEmail"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await AdminSession.ScalarAsync(app,
            "SELECT COUNT(*) FROM acc_organisations WHERE id = @acme AND code = 'ACME-CN' AND name = 'Acme China' AND account_manager_email IS NULL", new { acme }));

        var taken = await admin.PostFormAsync($"/Admin/Organisations/Edit?id={acme}", new() { ["Input.Code"] = "BETA", ["Input.Name"] = "Acme China" });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("代码为 BETA 的单位已存在。", await AdminSession.TextAsync(taken), StringComparison.Ordinal);
        Assert.Equal(1, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_organisations WHERE code = 'BETA'"));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Organisations/Edit?id=999999")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deactivating_an_organisation_keeps_its_data_and_stops_its_customers_signing_in_until_reactivated(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (_, admin) = await AdminSession.SignInAdminAsync(app);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("c@acme.example", AdminSession.Password, PortalRoles.Customer, acme);
        var customer = await app.SignInAsync("c@acme.example", AdminSession.Password);
        Assert.True(await AdminSession.IsSignedInAsync(customer));

        var confirm = await admin.GetDocumentAsync($"/Admin/Organisations/SetActive?id={acme}");
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm]"));
        Assert.Contains("停用单位", confirm.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var deactivated = await admin.PostFormAsync($"/Admin/Organisations/SetActive?id={acme}", new() { ["Active"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        Assert.Equal(0, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_organisations WHERE id = @acme AND is_active = @True", new { acme, True = true }));
        Assert.Equal(1, await AdminSession.ScalarAsync(app, "SELECT COUNT(*) FROM acc_users WHERE organisation_id = @acme", new { acme }));
        Assert.False(await AdminSession.IsSignedInAsync(customer));
        Assert.False(await AdminSession.TrySignInAsync(app, "c@acme.example"));
        var inactiveList = await admin.GetDocumentAsync("/Admin/Organisations/Index?status=inactive");
        Assert.NotNull(inactiveList.QuerySelector("tr[data-code='ACME']"));

        var reactivated = await admin.PostFormAsync($"/Admin/Organisations/SetActive?id={acme}", new() { ["Active"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.True(await AdminSession.TrySignInAsync(app, "c@acme.example"));
        Assert.Null((await admin.GetDocumentAsync("/Admin/Organisations/Index?status=inactive")).QuerySelector("tr[data-code='ACME']"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_list_searches_safely_sorts_through_an_allow_list_counts_users_and_pages(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (_, admin) = await AdminSession.SignInAdminAsync(app);
        for (var i = 1; i <= 27; i++) await app.CreateOrganisationAsync($"ORG-{i:00}", $"Organisation {i:00}");
        var percent = await app.CreateOrganisationAsync("PCT", "100% Cotton");
        await app.CreateOrganisationAsync("NOPCT", "1000 Cotton");
        await app.CreateOrganisationAsync("UNDER", "a_b Trading");
        await app.CreateOrganisationAsync("NOUNDER", "axb Trading");
        await app.CreateUserAsync("one@pct.example", AdminSession.Password, PortalRoles.Customer, percent);
        await app.CreateUserAsync("two@pct.example", AdminSession.Password, PortalRoles.Customer, percent);

        static string[] Codes(AngleSharp.Html.Dom.IHtmlDocument d) =>
            d.QuerySelectorAll("tr[data-code]").Select(r => r.GetAttribute("data-code")!).ToArray();

        Assert.Equal(["PCT"], Codes(await admin.GetDocumentAsync("/Admin/Organisations/Index?q=100%25")));
        Assert.Equal(["UNDER"], Codes(await admin.GetDocumentAsync("/Admin/Organisations/Index?q=A_B")));
        Assert.Equal(["ORG-07"], Codes(await admin.GetDocumentAsync("/Admin/Organisations/Index?q=org-07")));
        var pct = (await admin.GetDocumentAsync("/Admin/Organisations/Index?q=cotton")).QuerySelector("tr[data-code='PCT']")!;
        Assert.Contains(">2<", pct.InnerHtml, StringComparison.Ordinal);

        var byCodeDesc = Codes(await admin.GetDocumentAsync("/Admin/Organisations/Index?sort=-code"));
        Assert.Equal(25, byCodeDesc.Length);
        Assert.Equal("UNDER", byCodeDesc[0]);
        var page2 = Codes(await admin.GetDocumentAsync("/Admin/Organisations/Index?sort=-code&p=2"));
        Assert.Equal(6, page2.Length);
        Assert.Empty(byCodeDesc.Intersect(page2));

        var injected = await admin.GetAsync("/Admin/Organisations/Index?sort=name%3BDROP%20TABLE%20acc_users&p=-5");
        Assert.Equal(HttpStatusCode.OK, injected.StatusCode);
        var empty = await admin.GetDocumentAsync("/Admin/Organisations/Index?q=nothing-like-this");
        Assert.NotNull(empty.QuerySelector("[data-testid=empty]"));
    }
}
