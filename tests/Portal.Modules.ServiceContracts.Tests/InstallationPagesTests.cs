using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class InstallationPagesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_customer_adds_edits_and_removes_their_installations_and_version_changes_are_kept(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (acme, customer) = await app.CustomerAsync("ACME", "c@acme.example");
        var empty = await customer.GetDocumentAsync("/Contracts/Installations/Index");
        Assert.True(empty.Has("empty"));
        var v852 = await app.VersionIdAsync("KMS", 8, 5, 2);
        var v860 = await app.VersionIdAsync("KMS", 8, 6, 0);

        var added = await customer.PostFormAsync("/Contracts/Installations/Add", new()
        {
            ["Input.VersionId"] = v852.ToString(), ["Input.Site"] = " kms.acme.example ", ["Input.SerialNumber"] = "SN-1", ["Input.Notes"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await app.ScalarAsync<long>("SELECT id FROM sc_installations WHERE organisation_id = @acme AND site = 'kms.acme.example' AND notes IS NULL", new { acme });
        var list = await customer.GetDocumentAsync("/Contracts/Installations/Index");
        Assert.Equal("8.5.2", list.QuerySelector($"tr[data-id='{id}']")!.GetAttribute("data-version"));

        var edited = await customer.PostFormAsync($"/Contracts/Installations/Edit?id={id}", new()
        {
            ["Input.VersionId"] = v860.ToString(), ["Input.Site"] = "kms.acme.example", ["Input.SerialNumber"] = "SN-1", ["Input.RowVersion"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(v860, await app.ScalarAsync<long>("SELECT version_id FROM sc_installations WHERE id = @id", new { id }));
        Assert.Equal(1, await app.ScalarAsync<long>("""
            SELECT COUNT(*) FROM sc_installation_history
            WHERE installation_id = @id AND from_version_id = @v852 AND to_version_id = @v860 AND changed_by IS NOT NULL AND changed_by_name = 'c'
            """, new { id, v852, v860 }));
        var history = (await customer.GetDocumentAsync($"/Contracts/Installations/Edit?id={id}")).QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("8.5.2 → 8.6.0", history, StringComparison.Ordinal);
        Assert.Contains("安装 8.5.2", history, StringComparison.Ordinal);

        // A version of another product cannot be slipped in.
        var otherProduct = await customer.PostFormAsync($"/Contracts/Installations/Edit?id={id}", new()
        {
            ["Input.VersionId"] = (await app.VersionIdAsync("WDS", 5, 1, 3)).ToString(), ["Input.RowVersion"] = "2",
        });
        Assert.Equal(HttpStatusCode.OK, otherProduct.StatusCode);
        Assert.Contains("请选择 KMS 的版本。", await otherProduct.TextAsync(), StringComparison.Ordinal);

        var confirm = await customer.GetDocumentAsync($"/Contracts/Installations/Remove?id={id}");
        Assert.True(confirm.Has("confirm"));
        var removed = await customer.PostFormAsync($"/Contracts/Installations/Remove?id={id}", new() { ["RowVersion"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.True((await customer.GetDocumentAsync("/Contracts/Installations/Index")).Has("empty"));
        Assert.Equal(2, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installation_history WHERE installation_id = @id", new { id }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_customer_sees_only_their_own_organisation_and_gets_404_for_another_ones_installation(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (acme, customer) = await app.CustomerAsync("ACME", "c@acme.example");
        var beta = await app.CreateOrganisationAsync("BETA", "Beta");
        var mine = await app.InstallAsync(acme, await app.VersionIdAsync("KMS", 8, 5, 2), "mine");
        var theirs = await app.InstallAsync(beta, await app.VersionIdAsync("AFC", 3, 2, 1), "theirs");

        var list = await customer.GetDocumentAsync("/Contracts/Installations/Index");
        Assert.Equal([mine.ToString()], list.QuerySelectorAll("tr[data-id]").Select(r => r.GetAttribute("data-id")));
        Assert.DoesNotContain("theirs", list.DocumentElement.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Contracts/Installations/Edit?id={theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Contracts/Installations/Remove?id={theirs}")).StatusCode);
        var edit = await customer.PostFormAsync($"/Contracts/Installations/Edit?id={theirs}", new()
        {
            ["Input.VersionId"] = (await app.VersionIdAsync("AFC", 4, 0, 0)).ToString(), ["Input.RowVersion"] = "1",
        }, formPage: $"/Contracts/Installations/Edit?id={mine}");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var remove = await customer.PostFormAsync($"/Contracts/Installations/Remove?id={theirs}", new() { ["RowVersion"] = "1" },
            formPage: $"/Contracts/Installations/Remove?id={mine}");
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installations WHERE id = @theirs AND removed_at IS NULL AND row_version = 1", new { theirs }));

        // An organisation id in the form is ignored: the installation goes to the customer's own organisation.
        var added = await customer.PostFormAsync("/Contracts/Installations/Add", new()
        {
            ["Input.VersionId"] = (await app.VersionIdAsync("WDS", 5, 2, 0)).ToString(), ["OrganisationId"] = beta.ToString(), ["org"] = beta.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installations WHERE organisation_id = @beta", new { beta }));

        foreach (var page in new[] { "/Contracts/Manage/InstalledBase/Index", $"/Contracts/Manage/InstalledBase/Edit?id={mine}", $"/Contracts/Manage/InstalledBase/History?id={mine}",
                     "/Contracts/Manage/Products/Index", "/Contracts/Manage/Products/Create", "/Contracts/Manage/SlaTargets/Index" })
        {
            var response = await customer.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                        || response.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"{page} gave {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Saving_over_someone_elses_change_is_refused_with_the_saved_values_and_the_typed_ones_kept(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (acme, customer) = await app.CustomerAsync("ACME", "c@acme.example");
        var staff = await app.StaffAsync();
        var id = await app.InstallAsync(acme, await app.VersionIdAsync("KMS", 8, 5, 2), "old-host");
        var v860 = (await app.VersionIdAsync("KMS", 8, 6, 0)).ToString();

        // Staff save first, from a form loaded at row version 1.
        var staffSave = await staff.PostFormAsync($"/Contracts/Manage/InstalledBase/Edit?id={id}", new()
        {
            ["Input.VersionId"] = v860, ["Input.Site"] = "staff-host", ["Input.RowVersion"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, staffSave.StatusCode);

        // The customer's form was loaded at row version 1 too.
        var conflict = await customer.PostFormAsync($"/Contracts/Installations/Edit?id={id}", new()
        {
            ["Input.VersionId"] = (await app.VersionIdAsync("KMS", 8, 5, 1)).ToString(), ["Input.Site"] = "customer-host", ["Input.RowVersion"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var html = await conflict.TextAsync();
        Assert.Contains("其他人保存了该系统", html, StringComparison.Ordinal);
        Assert.Contains("staff-host", html, StringComparison.Ordinal);
        Assert.Contains("value=\"customer-host\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.RowVersion\" value=\"2\"", html, StringComparison.Ordinal);
        Assert.Equal("staff-host", await app.ScalarAsync<string>("SELECT site FROM sc_installations WHERE id = @id", new { id }));

        // Saving again (now at row version 2) applies the customer's values.
        var again = await customer.PostFormAsync($"/Contracts/Installations/Edit?id={id}", new()
        {
            ["Input.VersionId"] = v860, ["Input.Site"] = "customer-host", ["Input.RowVersion"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("customer-host", await app.ScalarAsync<string>("SELECT site FROM sc_installations WHERE id = @id", new { id }));

        var staleRemove = await customer.PostFormAsync($"/Contracts/Installations/Remove?id={id}", new() { ["RowVersion"] = "2" });
        Assert.Equal(HttpStatusCode.OK, staleRemove.StatusCode);
        Assert.Contains("conflict", await staleRemove.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installations WHERE id = @id AND removed_at IS NULL", new { id }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_manage_any_organisations_installations_and_see_their_history(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var acme = await app.CreateOrganisationAsync("ACME", "Acme Water");
        var beta = await app.CreateOrganisationAsync("BETA", "Beta Metro");
        var staff = await app.StaffAsync();
        await app.InstallAsync(beta, await app.VersionIdAsync("AFC", 3, 2, 1), "beta-site");

        var missingOrg = await staff.PostFormAsync("/Contracts/Manage/InstalledBase/Add", new() { ["Input.VersionId"] = (await app.VersionIdAsync("KMS", 8, 5, 2)).ToString() });
        Assert.Equal(HttpStatusCode.OK, missingOrg.StatusCode);
        Assert.Contains("请选择单位。", await missingOrg.TextAsync(), StringComparison.Ordinal);
        var missingVersion = await staff.PostFormAsync("/Contracts/Manage/InstalledBase/Add", new() { ["org"] = acme.ToString(), ["Input.VersionId"] = "" });
        Assert.Contains("请选择产品和版本。", await missingVersion.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installations"));

        var added = await staff.PostFormAsync("/Contracts/Manage/InstalledBase/Add", new()
        {
            ["org"] = acme.ToString(), ["Input.VersionId"] = (await app.VersionIdAsync("KMS", 8, 5, 2)).ToString(), ["Input.Site"] = "acme-site",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await app.ScalarAsync<long>("SELECT id FROM sc_installations WHERE organisation_id = @acme", new { acme });

        var all = await staff.GetDocumentAsync("/Contracts/Manage/InstalledBase/Index");
        Assert.Equal(2, all.QuerySelectorAll("tr[data-id]").Length);
        Assert.Contains("Beta Metro", all.QuerySelector("[data-testid=installations]")!.TextContent, StringComparison.Ordinal);
        var filtered = await staff.GetDocumentAsync($"/Contracts/Manage/InstalledBase/Index?org={acme}&product=KMS");
        Assert.Equal([id.ToString()], filtered.QuerySelectorAll("tr[data-id]").Select(r => r.GetAttribute("data-id")));
        Assert.True((await staff.GetDocumentAsync("/Contracts/Manage/InstalledBase/Index?product=WDS")).Has("empty"));
        Assert.True((await staff.GetDocumentAsync("/Contracts/Manage/InstalledBase/Index?product=NOPE")).Has("empty"));

        var upgraded = await staff.PostFormAsync($"/Contracts/Manage/InstalledBase/Edit?id={id}", new()
        {
            ["Input.VersionId"] = (await app.VersionIdAsync("KMS", 9, 0, 0)).ToString(), ["Input.Site"] = "acme-site", ["Input.RowVersion"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, upgraded.StatusCode);
        var history = await staff.GetDocumentAsync($"/Contracts/Manage/InstalledBase/History?id={id}");
        var rows = history.QuerySelectorAll("[data-testid=history] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("8.5.2 → 9.0.0", rows[0], StringComparison.Ordinal);
        Assert.Contains("staff", rows[0], StringComparison.Ordinal);
        Assert.Contains("安装 8.5.2", rows[1], StringComparison.Ordinal);

        var removed = await staff.PostFormAsync($"/Contracts/Manage/InstalledBase/Remove?id={id}", new() { ["RowVersion"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Contracts/Manage/InstalledBase/Edit?id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Contracts/Manage/InstalledBase/History?id=999999")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_customer_list_pages(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var (acme, customer) = await app.CustomerAsync("ACME", "c@acme.example");
        var version = await app.VersionIdAsync("KMS", 8, 5, 2);
        for (var i = 0; i < 27; i++) await app.InstallAsync(acme, version, $"host-{i:00}");

        var first = await customer.GetDocumentAsync("/Contracts/Installations/Index");
        Assert.Equal(25, first.QuerySelectorAll("tr[data-id]").Length);
        Assert.True(first.Has("page-next"));
        var second = await customer.GetDocumentAsync("/Contracts/Installations/Index?p=2");
        Assert.Equal(2, second.QuerySelectorAll("tr[data-id]").Length);
        Assert.Equal(0, (await customer.GetDocumentAsync("/Contracts/Installations/Index?p=99999999")).QuerySelectorAll("tr[data-id]").Length);
    }
}
