using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class StaffPagesTests
{
    private const string Password = "correct horse battery";

    private static DateOnly Today => ContractRules.DayOf(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<(PortalWebApp App, HttpClient Staff, long Org, long Product)> StartAsync(string provider)
    {
        var app = await PortalWebApp.StartAsync(provider);
        await app.CreateUserAsync("support@vendor.example", Password, PortalRoles.Staff);
        var org = await app.CreateOrganisationAsync("ACME", "杭州测试单位");
        var product = await ContractsTestKit.InsertProductAsync(app.Services.GetRequiredService<IDb>(), "KMS");
        return (app, await app.SignInAsync("support@vendor.example", Password), org, product);
    }

    private static Dictionary<string, string> Form(long org, long product, string kind, DateOnly starts, int months = 12, string? reference = null,
        bool gap = false, int? rowVersion = null) => new()
    {
        ["Input.OrganisationId"] = org.ToString(CultureInfo.InvariantCulture), ["Input.ProductId"] = product.ToString(CultureInfo.InvariantCulture),
        ["Input.Kind"] = kind, ["Input.ServiceLevel"] = "standard", ["Input.StartsOn"] = Day(starts),
        ["Input.Months"] = months.ToString(CultureInfo.InvariantCulture), ["Input.TrainingsPerYear"] = "2", ["Input.Reference"] = reference ?? "",
        ["Input.Notes"] = "", ["Input.StartAfterGap"] = gap ? "true" : "false", ["Input.RowVersion"] = (rowVersion ?? 0).ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<T> ScalarAsync<T>(PortalWebApp app, string sql, object? args = null)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_records_a_free_period_and_a_chained_renewal_and_overlaps_or_gaps_are_refused_with_a_message(string provider)
    {
        var (app, staff, org, product) = await StartAsync(provider);
        await using var _ = app;
        var freeStart = Today.AddDays(-100);
        var freeEnd = ContractRules.EndsOn(freeStart, 12);

        var created = await staff.PostFormAsync("/Contracts/Manage/ServiceContracts/Create", Form(org, product, "free", freeStart, reference: "FREE-1"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(Day(freeEnd), Day(await ScalarAsync<DateOnly>(app, "SELECT ends_on FROM sc_contracts WHERE reference = 'FREE-1'")));

        var overlap = await staff.PostFormAsync("/Contracts/Manage/ServiceContracts/Create", Form(org, product, "paid", freeEnd.AddDays(-10), reference: "OVER"));
        Assert.Equal(HttpStatusCode.OK, overlap.StatusCode);
        var overlapText = await TextAsync(overlap);
        Assert.Contains($"与同一单位同一产品的服务期 {Day(freeStart)} – {Day(freeEnd)} 重叠", overlapText, StringComparison.Ordinal);
        Assert.Contains("value=\"OVER\"", overlapText, StringComparison.Ordinal); // what was typed is kept

        var late = await staff.PostFormAsync("/Contracts/Manage/ServiceContracts/Create", Form(org, product, "paid", freeEnd.AddDays(6)));
        Assert.Contains($"续约服务期应从上一服务期截止日的次日（{Day(freeEnd.AddDays(1))}）开始。如确需留出 5 天", await TextAsync(late), StringComparison.Ordinal);

        var bad = await staff.PostFormAsync("/Contracts/Manage/ServiceContracts/Create", Form(org, product, "paid", freeEnd.AddDays(1), months: 0));
        Assert.Contains("期限必须在 1 到 120 个月之间。", await TextAsync(bad), StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM sc_contracts"));

        // The form proposes the renewal the day after the free period ends, however late it is bought.
        var proposal = await staff.GetDocumentAsync($"/Contracts/Manage/ServiceContracts/Create?org={org}&product={product}");
        Assert.Equal(Day(freeEnd.AddDays(1)), proposal.QuerySelector("#Input_StartsOn")!.GetAttribute("value"));
        Assert.Equal("paid", proposal.QuerySelector("input[name='Input.Kind'][checked]")!.GetAttribute("value"));

        var renewal = await staff.PostFormAsync("/Contracts/Manage/ServiceContracts/Create", Form(org, product, "paid", freeEnd.AddDays(1), reference: "R1"));
        Assert.Equal(HttpStatusCode.Redirect, renewal.StatusCode);
        var gap = await staff.PostFormAsync("/Contracts/Manage/ServiceContracts/Create",
            Form(org, product, "paid", ContractRules.EndsOn(freeEnd.AddDays(1), 12).AddDays(31), reference: "R2", gap: true));
        Assert.Equal(HttpStatusCode.Redirect, gap.StatusCode);
        var r2 = await ScalarAsync<long>(app, "SELECT id FROM sc_contracts WHERE reference = 'R2'");
        var history = await staff.GetDocumentAsync($"/Contracts/Manage/ServiceContracts/Edit?id={r2}");
        Assert.Equal(3, history.QuerySelectorAll("[data-testid=history] li:not([data-testid=gap])").Length);
        Assert.Contains("（30 天）", history.QuerySelector("[data-testid=gap]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_edits_with_optimistic_concurrency_and_cancels_with_a_reason(string provider)
    {
        var (app, staff, org, product) = await StartAsync(provider);
        await using var _ = app;
        var id = await ContractsTestKit.InsertPeriodAsync(app.Services.GetRequiredService<IDb>(), org, product, Today.AddDays(-10));

        var stale = await staff.PostFormAsync($"/Contracts/Manage/ServiceContracts/Edit?id={id}", Form(org, product, "free", Today.AddDays(-10), months: 24, rowVersion: 7));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("在此期间有其他人修改了该服务期", await TextAsync(stale), StringComparison.Ordinal);
        Assert.Equal(12L, await ScalarAsync<long>(app, "SELECT months FROM sc_contracts WHERE id = @id", new { id }));

        var saved = await staff.PostFormAsync($"/Contracts/Manage/ServiceContracts/Edit?id={id}", Form(org, product, "free", Today.AddDays(-10), months: 24, rowVersion: 1));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((24L, 2L), (await ScalarAsync<long>(app, "SELECT months FROM sc_contracts WHERE id = @id", new { id }),
            await ScalarAsync<long>(app, "SELECT row_version FROM sc_contracts WHERE id = @id", new { id })));

        var confirm = await staff.GetDocumentAsync($"/Contracts/Manage/ServiceContracts/Cancel?id={id}");
        Assert.NotNull(confirm.QuerySelector("form[data-confirm]"));
        var noReason = await staff.PostFormAsync($"/Contracts/Manage/ServiceContracts/Cancel?id={id}", new() { ["Reason"] = " ", ["RowVersion"] = "2" });
        Assert.Contains("请填写作废原因。", await TextAsync(noReason), StringComparison.Ordinal);
        var cancelled = await staff.PostFormAsync($"/Contracts/Manage/ServiceContracts/Cancel?id={id}", new() { ["Reason"] = "录入错误", ["RowVersion"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("录入错误", await ScalarAsync<string>(app, "SELECT cancel_reason FROM sc_contracts WHERE id = @id AND cancelled_at IS NOT NULL", new { id }));
        var view = await staff.GetDocumentAsync($"/Contracts/Manage/ServiceContracts/Edit?id={id}");
        Assert.Equal("已作废", view.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Null(view.QuerySelector("form[method=post] [data-testid=save]"));
        var change = await staff.PostFormAsync($"/Contracts/Manage/ServiceContracts/Edit?id={id}", Form(org, product, "free", Today, rowVersion: 3), $"/Contracts/Manage/ServiceContracts/Cancel?id=0");
        Assert.Contains("已作废的服务期不能修改。", await TextAsync(change), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Contracts/Manage/ServiceContracts/Edit?id=99999")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_list_filters_counts_and_exports_safe_csv(string provider)
    {
        var (app, staff, org, product) = await StartAsync(provider);
        await using var _ = app;
        var db = app.Services.GetRequiredService<IDb>();
        var other = await app.CreateOrganisationAsync("BETA", "=cmd|' /C calc'!A0");
        var afc = await ContractsTestKit.InsertProductAsync(db, "AFC");
        var active = await ContractsTestKit.InsertPeriodAsync(db, org, product, Today.AddDays(-10));                  // active
        var expiring = await ContractsTestKit.InsertPeriodAsync(db, other, product, Today.AddDays(-350));             // ~15 days left
        var expired = await ContractsTestKit.InsertPeriodAsync(db, org, afc, Today.AddDays(-380));                    // ended ~15 days ago
        var old = await ContractsTestKit.InsertPeriodAsync(db, other, afc, Today.AddDays(-800));                      // ended long ago
        var upcoming = await ContractsTestKit.InsertPeriodAsync(db, other, afc, Today.AddDays(10));
        var cancelled = await ContractsTestKit.InsertPeriodAsync(db, org, product, Today.AddDays(400), cancelled: true);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE sc_contracts SET reference = '=HYPERLINK(\"http://x\")', notes = '@SUM(1)' WHERE id = @expiring",
            new { expiring }, tx));

        async Task<long[]> Ids(string query) =>
            [.. (await staff.GetDocumentAsync("/Contracts/Manage/ServiceContracts/Index" + query)).QuerySelectorAll("tr[data-id]")
                .Select(r => long.Parse(r.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).Order()];

        Assert.Equal(new[] { active, expiring, expired, old, upcoming, cancelled }.Order(), await Ids(""));
        Assert.Equal([active], await Ids("?status=active"));
        Assert.Equal(new[] { active, expiring }.Order(), await Ids("?status=covered"));
        Assert.Equal([expiring], await Ids("?status=expiring&days=30"));
        Assert.Empty(await Ids("?status=expiring&days=5"));
        Assert.Equal(new[] { expired, old }.Order(), await Ids("?status=expired"));
        Assert.Equal([expired], await Ids("?status=expired&days=30"));
        Assert.Equal([upcoming], await Ids("?status=upcoming"));
        Assert.Equal([cancelled], await Ids("?status=cancelled"));
        Assert.Equal(new[] { expired, old, upcoming }.Order(), await Ids($"?product={afc}"));
        Assert.Equal(new[] { expired }, await Ids($"?product={afc}&org={org}"));
        Assert.Equal(6, (await Ids("?sort=-product;DROP TABLE sc_contracts")).Length); // unknown sort: the default order

        var overview = await staff.GetDocumentAsync("/Contracts/Manage/ServiceContracts/Overview");
        Assert.Equal("2", overview.QuerySelector("[data-testid=count-covered] .display-6")!.TextContent);
        Assert.Equal("1", overview.QuerySelector("[data-testid=count-expiring] .display-6")!.TextContent);
        Assert.Equal("1", overview.QuerySelector("[data-testid=count-expired] .display-6")!.TextContent);

        var csv = await staff.GetAsync("/Contracts/Manage/ServiceContracts/Index?handler=Csv&status=covered");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.True(csv.Headers.CacheControl?.NoStore, "A private export is never cached.");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("单位代码,单位,产品,类型", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("ACME,杭州测试单位,KMS,免费服务期", StringComparison.Ordinal));
        var beta = Assert.Single(lines, l => l.StartsWith("BETA,", StringComparison.Ordinal));
        Assert.Contains(",'=cmd|' /C calc'!A0,", beta, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", beta, StringComparison.Ordinal);
        Assert.EndsWith(",'@SUM(1)", beta, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_customer_cannot_reach_the_staff_pages(string provider)
    {
        var (app, _, org, product) = await StartAsync(provider);
        await using var __ = app;
        var id = await ContractsTestKit.InsertPeriodAsync(app.Services.GetRequiredService<IDb>(), org, product, Today);
        await app.CreateUserAsync("c@acme.example", Password, PortalRoles.Customer, org);
        var customer = await app.SignInAsync("c@acme.example", Password);
        foreach (var path in new[] { "Index", "Index?handler=Csv", "Overview", "Create", $"Edit?id={id}", $"Cancel?id={id}" })
        {
            var response = await customer.GetAsync("/Contracts/Manage/ServiceContracts/" + path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                || response.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true, $"{path}: {response.StatusCode} {response.Headers.Location}");
        }
        var post = await customer.PostAsync($"/Contracts/Manage/ServiceContracts/Cancel?id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "x" }));
        Assert.DoesNotContain("Edit", post.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM sc_contracts WHERE cancelled_at IS NOT NULL"));
    }
}
