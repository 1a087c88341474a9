using Portal.Testing;
using System.Net;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

public sealed class TemplateEditingTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SavingAnEditMakesTheNextVersionAndTheOldVersionStaysReadableAsItWas(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var id = await kit.ImportShippedAsync();
        var staff = await kit.StaffAsync();
        var url = $"/Surveys/Manage/Templates/Edit/{id}";
        var fields = SurveysWebKit.FormFields(await SurveysWebKit.PageAsync(staff, url), "[data-testid=template-form]");
        fields["Input.Sections[0].Questions[0].TextEn"] = "What the software does";
        fields["Input.Sections[0].Questions[1].Remove"] = "true";
        fields["Input.Sections[5].Position"] = "0";

        var saved = await staff.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([1, 2], await kit.QueryAsync<int>("SELECT version FROM sv_template_versions WHERE template_id = @id ORDER BY version", new { id }));

        var current = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Templates/{id}");
        var sections = current.QuerySelectorAll("h2.h5 [lang=zh-CN]").Select(e => e.TextContent).ToArray();
        Assert.Equal(["总体表现", "产品功能"], sections[..2]);
        var questions = string.Concat(current.QuerySelectorAll("[data-testid=questions]").Select(t => t.TextContent));
        Assert.Contains("What the software does", questions);
        Assert.DoesNotContain("Functions of the software product", questions);
        Assert.DoesNotContain("产品包装、手册等资料", questions);
        Assert.Equal(14, current.QuerySelectorAll("[data-testid=preview] fieldset[data-testid=question]").Length);

        var old = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Templates/{id}?version=1");
        Assert.Equal(15, old.QuerySelectorAll("[data-testid=preview] fieldset[data-testid=question]").Length);
        Assert.Contains("Functions of the software product / application system", old.QuerySelector("[data-testid=questions]")!.TextContent);
        Assert.Equal(15, await kit.ScalarAsync<long>("""
            SELECT COUNT(*) FROM sv_questions q JOIN sv_template_versions v ON v.id = q.version_id WHERE v.template_id = @id AND v.version = 1
            """, new { id }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnEmptyTextOrAnUnknownKindIsRefusedInTheUsersLanguageAndNothingIsStored(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var id = await kit.ImportShippedAsync();
        var staff = await kit.StaffAsync();
        var url = $"/Surveys/Manage/Templates/Edit/{id}";
        var fields = SurveysWebKit.FormFields(await SurveysWebKit.PageAsync(staff, url), "[data-testid=template-form]");
        fields["Input.Sections[0].Questions[0].TextZh"] = " ";
        fields["Input.Sections[1].Questions[0].Kind"] = "scale";

        var refused = await staff.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(["第 1 部分第 1 题：请填写中文和英文题目。", "第 2 部分第 1 题：类型必须是评分、单选或文字填写。"], await SurveysWebKit.ErrorsAsync(refused));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_template_versions WHERE template_id = @id", new { id }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffCanAddASingleChoiceQuestionWhichNeedsTwoChoices(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        await kit.ImportShippedAsync();
        var id = await kit.ScalarAsync<long>("SELECT id FROM sv_templates WHERE code = 'after-training'");
        var staff = await kit.StaffAsync();
        var url = $"/Surveys/Manage/Templates/Edit/{id}";
        var fields = SurveysWebKit.FormFields(await SurveysWebKit.PageAsync(staff, url), "[data-testid=template-form]");
        var added = await staff.PostFormAsync(url + "?handler=AddQuestion&section=0", fields, formPage: url);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        fields = SurveysWebKit.FormFields(SurveysWebKit.Parse(await added.Content.ReadAsStringAsync()), "[data-testid=template-form]");
        fields["Input.Sections[0].Questions[5].TextZh"] = "您是如何参加的";
        fields["Input.Sections[0].Questions[5].TextEn"] = "How did you attend";
        fields["Input.Sections[0].Questions[5].Kind"] = "choice";
        fields["Input.Sections[0].Questions[5].ChoiceLines"] = "现场 | On site";

        var refused = await staff.PostFormAsync(url, new Dictionary<string, string>(fields));
        Assert.Equal(["第 1 部分第 6 题：单选题至少需要两个选项，每个选项须有中文和英文。"], await SurveysWebKit.ErrorsAsync(refused));

        fields["Input.Sections[0].Questions[5].ChoiceLines"] = "现场 | On site\n线上 | Online";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url, fields)).StatusCode);
        Assert.Equal(["现场", "线上"], await kit.QueryAsync<string>("""
            SELECT ch.text_zh FROM sv_choices ch JOIN sv_questions q ON q.id = ch.question_id JOIN sv_template_versions v ON v.id = q.version_id
            WHERE v.template_id = @id AND v.version = 2 ORDER BY ch.position
            """, new { id }));
    }
}
