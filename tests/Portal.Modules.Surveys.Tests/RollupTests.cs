using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Surveys.Invitations;
using Portal.Modules.Surveys.Results;
using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Testing;
using Portal.Web.Formatting;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

/// <summary>The results read from the rollups (sv_answer_counts, sv_response_counts) equal the results counted from the raw
/// rows, on a random fixture, for whole months, periods cutting months and the filters; and the counts a submission adds
/// equal the counts rebuilt from scratch.</summary>
public sealed class RollupTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private const string Template = """
        code: rollup-fixture
        purpose: general
        title: { zh: 汇总测试, en: Rollup fixture }
        header:
          - { zh: 合同名称, en: Contract name }
        sections:
          - title: { zh: 服务, en: Service }
            questions:
              - { kind: rating, remark: true, text: { zh: 响应时间, en: Response time } }
              - { kind: choice, choices: [ { zh: 电话, en: Phone }, { zh: 邮件, en: Mail } ], text: { zh: 联系方式, en: Contact } }
              - { kind: text, required: false, text: { zh: 其他意见, en: Other comments } }
          - title: { zh: 总体, en: Overall }
            questions:
              - { kind: rating, text: { zh: 总体满意度, en: Overall satisfaction } }
        """;

    /// <summary>Runs the rollup sweep: counts responses written around InvitationStore (test fixtures).</summary>
    internal static async Task RecountAsync(SurveysWebKit kit)
    {
        using var scope = kit.App.Services.CreateScope();
        await scope.ServiceProvider.GetServices<ISweep>().OfType<RollupSweep>().Single().RunAsync(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheRollupsGiveTheSameResultsAsTheRawRowsForAnyPeriodAndFilter(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "surveys-rollups-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "surveys"));
        await File.WriteAllTextAsync(Path.Combine(folder, "surveys", "rollup-fixture.yaml"), Template);
        Assert.Empty((await kit.ImportAsync(folder)).Errors);
        var templateId = await kit.ScalarAsync<long>("SELECT id FROM sv_templates WHERE code = 'rollup-fixture'");
        var versionId = await kit.ScalarAsync<long>("SELECT id FROM sv_template_versions WHERE template_id = @templateId", new { templateId });
        var questions = await kit.QueryAsync<long>("""
            SELECT q.id FROM sv_questions q JOIN sv_sections s ON s.id = q.section_id WHERE q.version_id = @versionId ORDER BY s.position, q.position
            """, new { versionId });
        var orgs = new[] { await kit.App.CreateOrganisationAsync("RA", "A"), await kit.App.CreateOrganisationAsync("RB", "B"), await kit.App.CreateOrganisationAsync("RC", "C") };
        string[] products = ["KMS", "EDR", "DLP"];
        string[] people = ["", "Li", "Wang", "Zhao"];
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;

        (int?, bool, int?, string?)[] Answers() =>
        [
            random.Next(6) switch { 0 => (null, true, null, null), var r => (r, false, null, random.Next(3) == 0 ? "备注" : null) },
            (null, false, random.Next(4) is var k and > 0 ? k : null, null),
            (null, false, null, random.Next(3) switch { 0 => null, 1 => "", _ => "很好" }),
            random.Next(7) switch { 0 => (null, true, null, null), 6 => (null, false, null, null), var r => (r, false, null, null) },
        ];

        // Raw rows written directly (as before the rollups existed), then counted by the sweep.
        for (var n = 0; n < 240; n++)
        {
            var at = now.AddMinutes(-random.Next(0, 400 * 24 * 60));
            var invitation = await InviteAsync(kit, versionId, orgs[random.Next(3)], products[random.Next(3)], people[random.Next(4)], people[random.Next(2)],
                at.AddHours(-1), n, at);
            await kit.Db.WriteAsync(async (c, tx) =>
            {
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO sv_responses (invitation_id, template_version_id, organisation_id, channel, header, submitted_at)
                    SELECT id, template_version_id, organisation_id, 'web', '[]', answered_at FROM sv_invitations WHERE id = @invitation RETURNING id
                    """, new { invitation }, tx);
                foreach (var (q, (rating, na, choice, text)) in questions.Zip(Answers()))
                    if (rating is not null || na || choice is not null || text is not null)
                        await c.ExecuteAsync("""
                            INSERT INTO sv_answers (response_id, question_id, rating, not_applicable, choice, text) VALUES (@id, @q, @rating, @na, @choice, @text)
                            """, new { id, q, rating, na, choice, text }, tx);
            });
        }
        await RecountAsync(kit);

        // Responses stored through the store (now), counted as they are stored.
        using (var scope = kit.App.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<InvitationStore>();
            for (var n = 0; n < 12; n++)
            {
                var id = await InviteAsync(kit, versionId, orgs[n % 3], products[n % 2], people[n % 4], "", now.AddDays(-1), 1000 + n, null);
                var given = questions.Zip(Answers()).Select(x => new GivenAnswer(x.First, x.Second.Item1, x.Second.Item2, x.Second.Item3, x.Second.Item4, null)).ToList();
                Assert.Equal(InvitationStore.SubmitOutcome.Stored, await store.SubmitAsync((await store.FindByIdAsync(id, default))!, [], given, default));
            }
        }
        var incremental = await RollupRowsAsync(kit);
        await kit.Db.WriteAsync((c, tx) => SurveyRollups.RebuildAsync(c, tx, kit.App.Services.GetRequiredService<DisplayTime>(), default));
        Assert.Equal(await RollupRowsAsync(kit), incremental);

        using (var scope = kit.App.Services.CreateScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<ResultsQueries>();
            var version = (await scope.ServiceProvider.GetRequiredService<TemplateStore>().FindAsync(templateId, null, default))!;
            var time = scope.ServiceProvider.GetRequiredService<DisplayTime>();
            var today = time.Day(now);
            DateTimeOffset Start(DateOnly day) => SurveyRollups.MonthStart(time, day.ToDateTime(TimeOnly.MinValue)).AddDays(day.Day - 1);
            var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
            (DateOnly From, DateOnly To)[] periods =
            [
                (firstOfMonth.AddMonths(-11), today),
                (firstOfMonth.AddMonths(-14), firstOfMonth.AddDays(-1)),
                (firstOfMonth.AddMonths(-7).AddDays(9), today.AddDays(-2)),
                (firstOfMonth.AddMonths(-3).AddDays(3), firstOfMonth.AddMonths(-3).AddDays(20)),
                (today, today),
            ];
            var compared = 0;
            foreach (var (from, to) in periods)
                foreach (var product in new[] { null, "KMS" })
                    foreach (var organisation in new long?[] { null, orgs[1] })
                    {
                        var filter = new ResultsFilter(versionId, Start(from), Start(to.AddDays(1)), product, organisation);
                        var fromRollups = await queries.ReportAsync(version, filter, default);
                        var fromRaw = await queries.ReportAsync(version, filter, default, rawOnly: true);
                        Assert.Equal(JsonSerializer.Serialize(fromRaw), JsonSerializer.Serialize(fromRollups));
                        compared += fromRaw.Responses;
                    }
            Assert.True(compared > 500, $"the periods hold responses ({compared})");
        }
    }

    private static Task<long> InviteAsync(SurveysWebKit kit, long versionId, long organisation, string product, string engineer, string instructor,
        DateTimeOffset created, int n, DateTimeOffset? answered) =>
        kit.Db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sv_invitations (template_version_id, token_hash, organisation_id, email, language, subject_kind, subject_id, subject_label,
                created_at, expires_at, answered_at, product_code, engineer, instructor)
            VALUES (@versionId, @hash, @organisation, @email, 'zh-CN', 'campaign', @n, '', @created, @expires, @answered, @product, @engineer, @instructor)
            RETURNING id
            """, new { versionId, hash = Guid.NewGuid().ToString("N"), organisation, email = $"r{n}@customer.example", n, created,
                expires = created.AddDays(30), answered, product, engineer, instructor }, tx));

    private static async Task<List<string>> RollupRowsAsync(SurveysWebKit kit) =>
    [
        .. (await kit.QueryAsync<string>("""
            SELECT template_version_id || '|' || organisation_id || '|' || month || '|' || product_code || '|' || question_id || '|' || value || '|' || n
            FROM sv_answer_counts
            """)).Order(StringComparer.Ordinal),
        .. (await kit.QueryAsync<string>("""
            SELECT template_version_id || '|' || organisation_id || '|' || month || '|' || product_code || '|' || dimension || '|' || item || '|' || n || '|' || rated || '|' || rating_sum
            FROM sv_response_counts
            """)).Order(StringComparer.Ordinal),
    ];
}
