using Xunit;

namespace Portal.Modules.Surveys.Tests;

public sealed class TemplateImportTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSeedFormImportsWordForWordWithSixSectionsFifteenRatingsAndSixHeaderFields(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var result = await kit.ImportAsync(SurveysWebKit.ShippedContent());
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Counts["survey templates"]);
        Assert.Equal(["after-service-request", "after-training", "customer-satisfaction"],
            await kit.QueryAsync<string>("SELECT code FROM sv_templates ORDER BY code"));
        Assert.Equal(["request", "training", "general"], await kit.QueryAsync<string>("SELECT purpose FROM sv_templates ORDER BY code"));

        const string Seed = "(SELECT v.id FROM sv_template_versions v JOIN sv_templates t ON t.id = v.template_id WHERE t.code = 'customer-satisfaction')";
        Assert.Equal("客户满意度调查表", await kit.ScalarAsync<string>($"SELECT title_zh FROM sv_template_versions WHERE id = {Seed}"));
        Assert.Equal(["产品功能", "安装过程", "工程师之表现", "客户培训/应用指导", "技术支持", "总体表现"],
            await kit.QueryAsync<string>($"SELECT title_zh FROM sv_sections WHERE version_id = {Seed} ORDER BY position"));
        Assert.Equal(15, await kit.ScalarAsync<long>($"SELECT COUNT(*) FROM sv_questions WHERE version_id = {Seed} AND kind = 'rating'"));
        Assert.Equal(15, await kit.ScalarAsync<long>($"SELECT COUNT(*) FROM sv_questions WHERE version_id = {Seed}"));
        Assert.Equal(["软件产品/应用系统的功能", "产品包装、手册等资料"], await kit.QueryAsync<string>($"""
            SELECT q.text_zh FROM sv_questions q JOIN sv_sections s ON s.id = q.section_id
            WHERE q.version_id = {Seed} AND s.position = 1 ORDER BY q.position
            """));
        Assert.Equal(1, await kit.ScalarAsync<long>($"SELECT COUNT(*) FROM sv_questions WHERE version_id = {Seed} AND text_zh = '准时完成安装、联调'"));
        Assert.Equal(1, await kit.ScalarAsync<long>($"SELECT COUNT(*) FROM sv_questions WHERE version_id = {Seed} AND text_zh = '您对产品/系统以及实施过程是否满意'"));
        Assert.Equal(15, await kit.ScalarAsync<long>($"SELECT COUNT(*) FROM sv_questions WHERE version_id = {Seed} AND allow_remark = @yes", new { yes = true }));

        var staff = await kit.StaffAsync();
        var id = await kit.ScalarAsync<long>("SELECT id FROM sv_templates WHERE code = 'customer-satisfaction'");
        var page = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Templates/{id}");
        Assert.Equal(["合同名称", "产品名称", "客户名称", "客户方联系人", "实施部门/人员", "执行调查部门/人"],
            page.QuerySelectorAll("[data-testid=header-fields] li [lang=zh-CN]").Select(e => e.TextContent).ToArray());
        Assert.Equal(15, page.QuerySelectorAll("[data-testid=preview] fieldset[data-testid=question]").Length);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ASecondImportChangesNothingAndAChangedFileAddsAVersionLeavingTheOldOneAsItWas(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var folder = SurveysWebKit.ShippedContent();
        await kit.ImportAsync(folder);
        var second = await kit.ImportAsync(folder);
        Assert.Empty(second.Errors);
        Assert.Empty(second.Counts);
        Assert.Equal(3, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_template_versions"));

        var path = Path.Combine(folder, "surveys", "after-training.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("en: The instructor", "en: The trainer"));
        var third = await kit.ImportAsync(folder);
        Assert.Equal(1, third.Counts["survey template versions"]);
        Assert.Equal(["The instructor", "The trainer"], await kit.QueryAsync<string>("""
            SELECT q.text_en FROM sv_questions q JOIN sv_template_versions v ON v.id = q.version_id JOIN sv_templates t ON t.id = v.template_id
            WHERE t.code = 'after-training' AND q.text_zh = '讲师' ORDER BY v.version
            """));
        Assert.Empty((await kit.ImportAsync(folder)).Counts);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ATemplateWithAnUnknownKindIsReportedAndTheOthersImport(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var folder = SurveysWebKit.ShippedContent();
        File.WriteAllText(Path.Combine(folder, "surveys", "bad.yaml"), """
            code: bad
            purpose: general
            title: { zh: 坏模板, en: Bad template }
            sections:
              - title: { zh: 一, en: One }
                questions:
                  - { kind: scale, text: { zh: 好吗, en: Good? } }
            """);
        var result = await kit.ImportAsync(folder);
        Assert.Contains(result.Errors, e => e.Contains("bad.yaml: bad: Section 1, question 1: the kind must be", StringComparison.Ordinal));
        Assert.Equal(3, result.Counts["survey templates"]);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_templates WHERE code = 'bad'"));
    }
}
