using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

/// <summary>The results page and export on a small fixture whose numbers are worked out by hand (see <see cref="Fixture"/>).</summary>
public sealed class ResultsTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private const string Period = "from=2026-01-01&to=2026-03-31";

    private const string Template = """
        code: results-fixture
        purpose: general
        title: { zh: 结果测试, en: Results fixture }
        header:
          - { zh: 合同名称, en: Contract name }
        sections:
          - title: { zh: 服务, en: Service }
            questions:
              - { kind: rating, remark: true, text: { zh: 响应时间, en: Response time } }
              - { kind: rating, text: { zh: 总体满意度, en: Overall satisfaction } }
              - { kind: choice, choices: [ { zh: 电话, en: Phone }, { zh: 邮件, en: Mail } ], text: { zh: 联系方式, en: Contact } }
              - { kind: text, required: false, text: { zh: 其他意见, en: Other comments } }
        """;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheStaffPageCountsTheFixtureExactly(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var f = await Fixture.SeedAsync(kit);
        var staff = await kit.StaffAsync();
        var page = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Results?template={f.TemplateId}&version=1&{Period}");
        string Text(string selector) => page.QuerySelector(selector)!.TextContent.Trim();
        Assert.Contains("1", Text("[data-testid=results-version]"), StringComparison.Ordinal);
        Assert.Equal("4", Text("[data-testid=invited]"));
        Assert.Equal("3", Text("[data-testid=answered]"));
        Assert.Equal("75%", Text("[data-testid=rate]").Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("3", Text("[data-testid=responses]"));

        var q1 = page.QuerySelector($"[data-testid=ratings] tr[data-question='{f.Q1}']")!;
        Assert.Equal(["1", "0", "1", "0", "0"], Enumerable.Range(0, 5).Select(i => q1.QuerySelector($"[data-score='{5 - i}']")!.TextContent));
        Assert.Equal("1", q1.QuerySelector("[data-testid=na]")!.TextContent);
        Assert.Equal("2", q1.QuerySelector("[data-testid=rated]")!.TextContent);
        Assert.Equal("4.00", q1.QuerySelector("[data-testid=average]")!.TextContent);
        Assert.Equal("3.67", page.QuerySelector($"[data-testid=ratings] tr[data-question='{f.Q2}'] [data-testid=average]")!.TextContent);
        Assert.Equal("3.67", Text("[data-testid=overall]"));
        var choice = page.QuerySelector($"[data-testid=choice][data-question='{f.Q3}']")!;
        Assert.Equal(["2", "1"], choice.QuerySelectorAll("tbody td").Select(td => td.TextContent));
        var text = page.QuerySelector($"[data-testid=text][data-question='{f.Q4}']")!;
        Assert.Contains("2", text.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["<b>bold</b>", "fine"], text.QuerySelectorAll("li").Select(li => li.TextContent));
        Assert.Empty(text.QuerySelectorAll("li b"));

        string[] Row(string table, string key, string attribute = "data-key") =>
            [.. page.QuerySelector($"[data-testid={table}] tr[{attribute}='{key}']")!.QuerySelectorAll("td").Select(td => td.TextContent)];
        Assert.Equal(["2", "3.00"], Row("trend", "2026-01", "data-month"));
        Assert.Equal(["1", "5.00"], Row("trend", "2026-02", "data-month"));
        Assert.Equal(["0", "–"], Row("trend", "2026-03", "data-month"));
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=trend] tbody tr").Length);
        Assert.Equal(["2", "3.00"], Row("by-organisation", f.OrgA.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(["1", "5.00"], Row("by-organisation", f.OrgB.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(["2", "3.00"], Row("by-product", "KMS"));
        Assert.Equal(["1", "5.00"], Row("by-engineer", "Wang"));
        Assert.Null(page.QuerySelector("[data-testid=by-instructor]")); // no response knows an instructor: the breakdown is left out
        Assert.NotNull(page.QuerySelector("canvas[data-survey-chart=trend]"));

        var product = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Results?template={f.TemplateId}&version=1&{Period}&product=EDR");
        Assert.Equal("1", product.QuerySelector("[data-testid=responses]")!.TextContent.Trim());
        var wider = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Results?template={f.TemplateId}&version=1&from=2025-12-01&to=2026-03-31");
        Assert.Equal("4", wider.QuerySelector("[data-testid=responses]")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ResultsDefaultToTheCurrentVersionAndSayWhichVersionTheyCount(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var f = await Fixture.SeedAsync(kit);
        await using (var scope = kit.App.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<TemplateStore>();
            var content = (await store.FindAsync(f.TemplateId, null, default))!.Content;
            content.TitleEn = "Results fixture, second edition";
            Assert.Equal(2, await store.AddVersionAsync(f.TemplateId, content, null, default));
        }
        var staff = await kit.StaffAsync();
        var current = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Results?template={f.TemplateId}&{Period}");
        Assert.Equal("2", current.QuerySelector("#version option[selected]")!.GetAttribute("value"));
        Assert.Equal("0", current.QuerySelector("[data-testid=responses]")!.TextContent.Trim());
        Assert.NotNull(current.QuerySelector("[data-testid=no-responses]"));
        var first = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Results?template={f.TemplateId}&version=1&{Period}");
        Assert.Equal("1", first.QuerySelector("#version option[selected]")!.GetAttribute("value"));
        Assert.Equal("3", first.QuerySelector("[data-testid=responses]")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheExportIsOneCsvRowPerResponseWithFormulasNeutralised(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var f = await Fixture.SeedAsync(kit);
        var staff = await kit.StaffAsync();
        var response = await staff.GetAsync($"/Surveys/Manage/Results/Export?template={f.TemplateId}&version=1&{Period}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "A private export is never cached.");
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("合同名称", lines[0], StringComparison.Ordinal);
        Assert.Contains("1. 响应时间", lines[0], StringComparison.Ordinal);
        Assert.Contains("4. 其他意见", lines[0], StringComparison.Ordinal);
        var first = lines.Single(l => l.StartsWith(f.Responses[0].ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", first, StringComparison.Ordinal);
        Assert.Contains("合同 A-1", first, StringComparison.Ordinal);
        Assert.Contains("电话", first, StringComparison.Ordinal);
        Assert.Contains("2026-01-10", first, StringComparison.Ordinal);
        var second = lines.Single(l => l.StartsWith(f.Responses[1].ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal));
        Assert.Contains("不适用", second, StringComparison.Ordinal);

        var wider = await staff.GetByteArrayAsync($"/Surveys/Manage/Results/Export?template={f.TemplateId}&version=1&from=2025-12-01&to=2026-03-31");
        Assert.Equal(5, Encoding.UTF8.GetString(wider[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnOrganisationAdministratorSeesOnlyTheirOwnOrganisationAndOtherCustomersAreRefused(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var f = await Fixture.SeedAsync(kit);
        var admin = await UserAsync(kit, "admin-a@customer.example", f.OrgA, admin: true);
        var plain = await UserAsync(kit, "plain-a@customer.example", f.OrgA, admin: false);
        var anonymous = kit.App.Browser();

        // The account menu leads an organisation administrator there, and nobody else.
        Assert.NotNull((await SurveysWebKit.PageAsync(admin, "/")).QuerySelector("a[href='/Surveys/Results']"));
        Assert.Null((await SurveysWebKit.PageAsync(plain, "/")).QuerySelector("a[href='/Surveys/Results']"));

        // The organisation in the query string is ignored: the sign-in decides.
        var page = await SurveysWebKit.PageAsync(admin, $"/Surveys/Results?template={f.TemplateId}&version=1&{Period}&organisation={f.OrgB}");
        Assert.Equal("2", page.QuerySelector("[data-testid=responses]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector($"[data-testid=by-organisation] tr[data-key='{f.OrgB}']"));
        Assert.Null(page.QuerySelector("#organisation"));
        Assert.Equal("3", page.QuerySelector("[data-testid=invited]")!.TextContent.Trim());
        var export = await admin.GetAsync($"/Surveys/Results/Export?template={f.TemplateId}&version=1&{Period}&organisation={f.OrgB}");
        Assert.True(export.Headers.CacheControl?.NoStore, "A private export is never cached.");
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync());
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.DoesNotContain(rows, r => r.StartsWith(f.Responses[2].ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal));
        Assert.DoesNotContain("Wang", csv, StringComparison.Ordinal);

        foreach (var url in new[] { "/Surveys/Results", "/Surveys/Results/Export", "/Surveys/Manage/Results", "/Surveys/Manage/Results/Export" })
        {
            var refused = await plain.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"{url}: expected forbidden, got {(int)refused.StatusCode} {refused.Headers.Location}");
            Assert.Contains("/Account/SignIn", (await anonymous.GetAsync(url)).Headers.Location?.OriginalString);
        }
        foreach (var url in new[] { "/Surveys/Manage/Results", "/Surveys/Manage/Results/Export" })
        {
            var refused = await admin.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true, url);
        }
    }

    private static async Task<HttpClient> UserAsync(SurveysWebKit kit, string email, long organisation, bool admin)
    {
        var user = await kit.App.CreateUserAsync(email, SurveysWebKit.Password, PortalRoles.Customer, organisation);
        if (admin)
            await kit.Db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE acc_users SET is_org_admin = @True WHERE id = @Id", new { True = true, user.Id }, tx));
        return await kit.App.SignInAsync(email, SurveysWebKit.Password);
    }

    /// <summary>Version 1 of a four-question template; in January–March 2026: organisation A (KMS, engineer Li) answered twice
    /// (Q1 5 with a formula remark, Q2 4, phone, "fine"; Q1 N/A, Q2 2, mail, no text) and has one unanswered invitation;
    /// organisation B (EDR, Wang) answered once in February (Q1 3, Q2 5, phone, "&lt;b&gt;bold&lt;/b&gt;"). Organisation A also
    /// answered in December 2025 (Q1 1, Q2 1), outside the period.</summary>
    private sealed record Fixture(long TemplateId, long VersionId, long Q1, long Q2, long Q3, long Q4, long OrgA, long OrgB, List<long> Responses)
    {
        public static async Task<Fixture> SeedAsync(SurveysWebKit kit)
        {
            var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "surveys-results-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(folder, "surveys"));
            await File.WriteAllTextAsync(Path.Combine(folder, "surveys", "results-fixture.yaml"), Template);
            var import = await kit.ImportAsync(folder);
            Assert.Empty(import.Errors);
            var templateId = await kit.ScalarAsync<long>("SELECT id FROM sv_templates WHERE code = 'results-fixture'");
            var versionId = await kit.ScalarAsync<long>("SELECT id FROM sv_template_versions WHERE template_id = @templateId", new { templateId });
            var q = await kit.QueryAsync<long>("SELECT id FROM sv_questions WHERE version_id = @versionId ORDER BY position", new { versionId });
            var orgA = await kit.App.CreateOrganisationAsync("ORGA", "Org A Ltd");
            var orgB = await kit.App.CreateOrganisationAsync("ORGB", "Org B Ltd");
            var f = new Fixture(templateId, versionId, q[0], q[1], q[2], q[3], orgA, orgB, []);
            f.Responses.Add(await f.RespondAsync(kit, orgA, "KMS", "Li", new DateTime(2026, 1, 10), "合同 A-1",
                (q[0], 5, false, null, null, "=HYPERLINK(\"http://evil.example\")"), (q[1], 4, false, null, null, null), (q[2], null, false, 1, null, null), (q[3], null, false, null, "fine", null)));
            f.Responses.Add(await f.RespondAsync(kit, orgA, "KMS", "Li", new DateTime(2026, 1, 20), "合同 A-2",
                (q[0], null, true, null, null, null), (q[1], 2, false, null, null, null), (q[2], null, false, 2, null, null), (q[3], null, false, null, "", null)));
            f.Responses.Add(await f.RespondAsync(kit, orgB, "EDR", "Wang", new DateTime(2026, 2, 5), "合同 B-1",
                (q[0], 3, false, null, null, null), (q[1], 5, false, null, null, null), (q[2], null, false, 1, null, null), (q[3], null, false, null, "<b>bold</b>", null)));
            f.Responses.Add(await f.RespondAsync(kit, orgA, "KMS", "Li", new DateTime(2025, 12, 15), "合同 A-0",
                (q[0], 1, false, null, null, null), (q[1], 1, false, null, null, null)));
            await f.InviteAsync(kit, orgA, "KMS", "Li", new DateTime(2026, 1, 25), answered: false);
            await RollupTests.RecountAsync(kit);
            return f;
        }

        private static int next;

        private async Task<long> InviteAsync(SurveysWebKit kit, long organisation, string product, string engineer, DateTime day, bool answered)
        {
            var created = new DateTimeOffset(day.AddHours(4), TimeSpan.Zero);
            var n = Interlocked.Increment(ref next);
            return await kit.Db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
                INSERT INTO sv_invitations (template_version_id, token_hash, organisation_id, email, language, subject_kind, subject_id, subject_label,
                    created_at, expires_at, answered_at, product_code, engineer, instructor)
                VALUES (@VersionId, @hash, @organisation, @email, 'zh-CN', 'campaign', @n, @label, @created, @expires, @answeredAt, @product, @engineer, '')
                RETURNING id
                """, new { VersionId, hash = Guid.NewGuid().ToString("N"), organisation, email = $"c{n}@customer.example", n, label = $"Campaign {n}",
                    created, expires = created.AddDays(30), answeredAt = answered ? created.AddHours(1) : (DateTimeOffset?)null, product, engineer }, tx));
        }

        private async Task<long> RespondAsync(SurveysWebKit kit, long organisation, string product, string engineer, DateTime day, string contract,
            params (long Question, int? Rating, bool NotApplicable, int? Choice, string? Text, string? Remark)[] answers)
        {
            var invitation = await InviteAsync(kit, organisation, product, engineer, day, answered: true);
            return await kit.Db.WriteAsync(async (c, tx) =>
            {
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO sv_responses (invitation_id, template_version_id, organisation_id, channel, header, submitted_at)
                    VALUES (@invitation, @VersionId, @organisation, 'web', @header, @at) RETURNING id
                    """, new { invitation, VersionId, organisation, header = System.Text.Json.JsonSerializer.Serialize(new[] { contract }),
                        at = new DateTimeOffset(day.AddHours(5), TimeSpan.Zero) }, tx);
                foreach (var a in answers)
                    await c.ExecuteAsync("""
                        INSERT INTO sv_answers (response_id, question_id, rating, not_applicable, choice, text, remark)
                        VALUES (@id, @Question, @Rating, @NotApplicable, @Choice, @Text, @Remark)
                        """, new { id, a.Question, a.Rating, a.NotApplicable, a.Choice, a.Text, a.Remark }, tx);
                return id;
            });
        }
    }
}
