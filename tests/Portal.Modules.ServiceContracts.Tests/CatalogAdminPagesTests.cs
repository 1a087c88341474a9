using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class CatalogAdminPagesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_create_a_product_and_add_and_correct_versions_and_bad_input_gets_a_message(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var staff = await app.StaffAsync();
        var list = await staff.GetDocumentAsync("/Contracts/Manage/Products/Index");
        Assert.NotNull(list.QuerySelector("tr[data-code='KMS']"));

        var created = await staff.PostFormAsync("/Contracts/Manage/Products/Create", new()
        {
            ["Input.Code"] = "GIS-2", ["Input.NameZh"] = " 地理信息系统 ", ["Input.NameEn"] = "GIS", ["Input.IsActive"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.ScalarAsync<long>("SELECT id FROM sc_products WHERE code = 'GIS-2' AND name_zh = '地理信息系统'");
        Assert.True((await staff.GetDocumentAsync($"/Contracts/Manage/Products/Edit?id={id}")).Has("versions-empty"));

        var duplicate = await staff.PostFormAsync("/Contracts/Manage/Products/Create", new() { ["Input.Code"] = "KMS", ["Input.NameZh"] = "重复", ["Input.NameEn"] = "Dup" });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var duplicateHtml = await duplicate.TextAsync();
        Assert.Contains("代码为 KMS 的产品已存在。", duplicateHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"重复\"", duplicateHtml, StringComparison.Ordinal);
        var malformed = await staff.PostFormAsync("/Contracts/Manage/Products/Create", new() { ["Input.Code"] = "gis 3", ["Input.NameZh"] = "", ["Input.NameEn"] = "x" });
        var malformedHtml = await malformed.TextAsync();
        Assert.Contains("产品代码只能包含大写字母 A–Z、数字和连字符。", malformedHtml, StringComparison.Ordinal);
        Assert.Contains("请输入中文名称。", malformedHtml, StringComparison.Ordinal);

        var version = $"/Contracts/Manage/Products/Version?productId={id}";
        foreach (var bad in new[] { "1.0", "1.0.0.0", "v1.0.0", "1.x.0", "01.0.0", "" })
        {
            var refused = await staff.PostFormAsync(version, new() { ["Input.Version"] = bad, ["Input.Released"] = "2026-05-01" });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("请按“主版本.次版本.修订号”格式输入纯数字版本号，例如 8.5.2。", await refused.TextAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_product_versions WHERE product_id = @id", new { id }));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(version, new() { ["Input.Version"] = " 1.10.0 ", ["Input.Released"] = "2026-05-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(version, new() { ["Input.Version"] = "1.9.0", ["Input.Released"] = "" })).StatusCode);
        var again = await staff.PostFormAsync(version, new() { ["Input.Version"] = "1.10.0" });
        Assert.Contains("该产品的版本 1.10.0 已存在。", await again.TextAsync(), StringComparison.Ordinal);

        var edit = await staff.GetDocumentAsync($"/Contracts/Manage/Products/Edit?id={id}");
        Assert.Equal(["1.10.0", "1.9.0"], edit.QuerySelectorAll("tr[data-version]").Select(r => r.GetAttribute("data-version")));
        var v19 = await app.VersionIdAsync("GIS-2", 1, 9, 0);
        var corrected = await staff.PostFormAsync($"/Contracts/Manage/Products/Version?productId={id}&id={v19}", new() { ["Input.Version"] = "1.9.1", ["Input.Released"] = "2026-04-01" });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_product_versions WHERE id = @v19 AND patch = 1 AND released_on IS NOT NULL", new { v19 }));
        var clash = await staff.PostFormAsync($"/Contracts/Manage/Products/Version?productId={id}&id={v19}", new() { ["Input.Version"] = "1.10.0" });
        Assert.Contains("该产品的版本 1.10.0 已存在。", await clash.TextAsync(), StringComparison.Ordinal);
        var kms = await app.ScalarAsync<long>("SELECT id FROM sc_products WHERE code = 'KMS'");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Contracts/Manage/Products/Version?productId={kms}&id={v19}")).StatusCode);

        var deactivated = await staff.PostFormAsync($"/Contracts/Manage/Products/Edit?id={id}", new() { ["Input.Code"] = "GIS-2", ["Input.NameZh"] = "地理信息系统", ["Input.NameEn"] = "GIS", ["Input.IsActive"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_products WHERE id = @id AND is_active = @True", new { id, True = true }));
        var (_, customer) = await app.CustomerAsync("ACME", "c@acme.example");
        var add = await customer.GetAsync("/Contracts/Installations/Add");
        Assert.DoesNotContain("GIS-2", await add.TextAsync(), StringComparison.Ordinal);
        var taken = await staff.PostFormAsync($"/Contracts/Manage/Products/Edit?id={id}", new() { ["Input.Code"] = "WDS", ["Input.NameZh"] = "x", ["Input.NameEn"] = "x" });
        Assert.Contains("代码为 WDS 的产品已存在。", await taken.TextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admin_edits_sla_targets_with_validation_and_the_change_is_recorded_with_who_and_when(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var admin = await app.AdminAsync();
        var page = await admin.GetDocumentAsync("/Contracts/Manage/SlaTargets/Index");
        Assert.Equal(10, page.QuerySelectorAll("tr[data-level]").Length);
        Assert.Contains("1 – 系统瘫痪", page.QuerySelector("tr[data-level=standard][data-severity='1']")!.TextContent, StringComparison.Ordinal);

        Dictionary<string, string> Form(Action<Dictionary<string, string>>? change = null)
        {
            var form = new Dictionary<string, string>();
            var i = 0;
            foreach (var row in page.QuerySelectorAll("tr[data-level]"))
            {
                form[$"Targets[{i}].Level"] = row.GetAttribute("data-level")!;
                form[$"Targets[{i}].Severity"] = row.GetAttribute("data-severity")!;
                form[$"Targets[{i}].RespondHours"] = row.QuerySelector($"input[name='Targets[{i}].RespondHours']")!.GetAttribute("value")!;
                form[$"Targets[{i}].ResolveHours"] = row.QuerySelector($"input[name='Targets[{i}].ResolveHours']")!.GetAttribute("value") ?? "";
                form[$"Targets[{i}].BusinessHours"] = row.QuerySelector($"input[name='Targets[{i}].BusinessHours'][type=checkbox]")!.HasAttribute("checked") ? "true" : "false";
                i++;
            }
            change?.Invoke(form);
            return form;
        }

        foreach (var (field, value, message) in new[]
                 {
                     ("Targets[0].RespondHours", "0", "请输入 1 到 8760 之间的整数小时。"),
                     ("Targets[0].RespondHours", "", "请输入以整小时计的响应时限。"),
                     ("Targets[0].RespondHours", "1.5", "值“1.5”无效。"),
                     ("Targets[1].ResolveHours", "2", "解决时限不能短于响应时限。"),
                 })
        {
            var refused = await admin.PostFormAsync("/Contracts/Manage/SlaTargets/Index", Form(f => f[field] = value));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, await refused.TextAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_sla_targets WHERE updated_at IS NOT NULL"));

        var saved = await admin.PostFormAsync("/Contracts/Manage/SlaTargets/Index", Form(f =>
        {
            f["Targets[0].RespondHours"] = "2";
            f["Targets[3].ResolveHours"] = "40";
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await app.ScalarAsync<long>("""
            SELECT COUNT(*) FROM sc_sla_targets WHERE service_level = 'standard' AND severity = 1 AND respond_hours = 2 AND resolve_hours = 24
              AND updated_at IS NOT NULL AND updated_by IS NOT NULL AND updated_by_name = 'admin'
            """));
        Assert.Equal(40, await app.ScalarAsync<long>("SELECT resolve_hours FROM sc_sla_targets WHERE service_level = 'standard' AND severity = 4"));
        Assert.Equal(2, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_sla_targets WHERE updated_at IS NOT NULL"));
        var after = await admin.GetDocumentAsync("/Contracts/Manage/SlaTargets/Index");
        Assert.Contains("admin", after.QuerySelector("tr[data-level=standard][data-severity='1']")!.TextContent, StringComparison.Ordinal);

        var staff = await app.StaffAsync();
        var forbidden = await staff.GetAsync("/Contracts/Manage/SlaTargets/Index");
        Assert.True(forbidden.StatusCode == HttpStatusCode.Forbidden || forbidden.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true);
        await app.CreateUserAsync("admin2@portal.example", CatalogTestKit.Password, PortalRoles.Admin);
        var withoutSecondFactor = await app.SignInAsync("admin2@portal.example", CatalogTestKit.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await withoutSecondFactor.GetAsync("/Contracts/Manage/SlaTargets/Index")).StatusCode);
    }
}
