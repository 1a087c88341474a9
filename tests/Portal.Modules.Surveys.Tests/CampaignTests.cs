using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

public sealed class CampaignTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACampaignToChosenOrganisationsInvitesEachOfTheirContactsOnceAndASecondSendAddsOnlyNewContacts(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var template = await kit.ImportShippedAsync();
        var a = await CampaignKit.OrganisationAsync(kit, "AAA", 2);
        var b = await CampaignKit.OrganisationAsync(kit, "BBB", 1);
        await CampaignKit.OrganisationAsync(kit, "CCC", 1);
        var staff = await kit.StaffAsync();

        var preview = await CampaignKit.PostAsync(staff, "Preview", "Yearly survey 2026", template, "organisations", [a, b]);
        var page = SurveysWebKit.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Contains("2", page.QuerySelector("[data-testid=preview-counts]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3", page.QuerySelector("[data-testid=preview-counts]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_campaigns"));

        var id = await CampaignKit.SendAsync(staff, "Yearly survey 2026", template, "organisations", [a, b]);
        Assert.Equal(["aaa1@customer.example", "aaa2@customer.example", "bbb1@customer.example"], await CampaignKit.InvitedAsync(kit, id));
        var version = await kit.ScalarAsync<long>("SELECT id FROM sv_template_versions WHERE template_id = @template ORDER BY version DESC LIMIT 1", new { template });
        Assert.Equal(3, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE template_version_id = @version AND subject_label = 'Yearly survey 2026'", new { version }));
        Assert.Equal(3, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE 'surveys.campaign:%'"));
        Assert.Equal(3, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE token_protected IS NOT NULL"));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/Surveys/Manage/Campaigns/{id}?handler=Resend", [], $"/Surveys/Manage/Campaigns/{id}")).StatusCode);
        Assert.Equal(3, (await CampaignKit.InvitedAsync(kit, id)).Count);
        await CampaignKit.ContactAsync(kit, a, "aaa3@customer.example");
        await staff.PostFormAsync($"/Surveys/Manage/Campaigns/{id}?handler=Resend", [], $"/Surveys/Manage/Campaigns/{id}");
        Assert.Equal(4, (await CampaignKit.InvitedAsync(kit, id)).Count);
        Assert.Equal(4, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE 'surveys.campaign:%'"));

        var detail = await SurveysWebKit.PageAsync(staff, $"/Surveys/Manage/Campaigns/{id}");
        Assert.Equal("4", detail.QuerySelector("[data-testid=invited]")!.TextContent.Trim());
        Assert.Equal(2, detail.QuerySelectorAll("[data-testid=organisations] tbody tr").Length);
        var list = await SurveysWebKit.PageAsync(staff, "/Surveys/Manage/Campaigns");
        Assert.Contains("Yearly survey 2026", list.QuerySelector("[data-testid=campaigns]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACampaignByProductInvitesTheContactsOfOrganisationsWithItInstalledOnly(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var template = await kit.ImportShippedAsync();
        var a = await CampaignKit.OrganisationAsync(kit, "AAA", 2);
        var b = await CampaignKit.OrganisationAsync(kit, "BBB", 1);
        await CampaignKit.OrganisationAsync(kit, "CCC", 1);
        await CampaignKit.ProductAsync(kit, "VC", installedAt: [a], removedAt: [b]);
        var staff = await kit.StaffAsync();

        var id = await CampaignKit.SendAsync(staff, "After acceptance", template, "product", product: "VC");
        Assert.Equal(["aaa1@customer.example", "aaa2@customer.example"], await CampaignKit.InvitedAsync(kit, id));
        Assert.Equal(2, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE product_code = 'VC'"));

        await CampaignKit.ProductAsync(kit, "MCU", installedAt: [b]);
        await staff.PostFormAsync($"/Surveys/Manage/Campaigns/{id}?handler=Resend", [], $"/Surveys/Manage/Campaigns/{id}");
        Assert.Equal(2, (await CampaignKit.InvitedAsync(kit, id)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnIncompleteCampaignComesBackWithLocalizedErrorsAndNothingIsSent(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var template = await kit.ImportShippedAsync();
        await CampaignKit.OrganisationAsync(kit, "AAA", 1);
        var empty = await kit.App.CreateOrganisationAsync("EMPTY", "Empty Ltd");
        var staff = await kit.StaffAsync();

        var errors = await SurveysWebKit.ErrorsAsync(await CampaignKit.PostAsync(staff, "Send", " ", null, "organisations"));
        Assert.Equal(["请填写调查活动名称。", "请选择调查模板。", "请至少选择一个单位。"], errors);
        errors = await SurveysWebKit.ErrorsAsync(await CampaignKit.PostAsync(staff, "Preview", "x", template, "product", product: "NOPE"));
        Assert.Equal(["请选择产品。"], errors);
        errors = await SurveysWebKit.ErrorsAsync(await CampaignKit.PostAsync(staff, "Send", "x", template, "organisations", [empty]));
        Assert.Equal(["不会邀请任何人：所选单位没有已确认邮箱的联系人。"], errors);
        errors = await SurveysWebKit.ErrorsAsync(await CampaignKit.PostAsync(staff, "Send", new string('x', 201), template, "organisations", [empty]));
        Assert.Equal(["名称最多 200 个字符。"], errors);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_campaigns"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ANewCampaignStartsWithTheGeneralSurveyChosen(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var general = await kit.ImportShippedAsync();
        var page = await SurveysWebKit.PageAsync(await kit.StaffAsync(), "/Surveys/Manage/Campaigns/New");
        Assert.Equal(general.ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.QuerySelector("#Input_TemplateId option[selected]")?.GetAttribute("value"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomersAndAnonymousVisitorsCannotReachCampaignPages(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var template = await kit.ImportShippedAsync();
        var a = await CampaignKit.OrganisationAsync(kit, "AAA", 1);
        var id = await CampaignKit.SendAsync(await kit.StaffAsync(), "Yearly", template, "organisations", [a]);
        var customer = await kit.CustomerAsync();
        var anonymous = kit.App.Browser();
        foreach (var url in new[] { "/Surveys/Manage/Campaigns", "/Surveys/Manage/Campaigns/New", $"/Surveys/Manage/Campaigns/{id}" })
        {
            var refused = await customer.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"{url}: {(int)refused.StatusCode} {refused.Headers.Location}");
            var redirected = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
            Assert.Contains("/Account/SignIn", redirected.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var resend = await customer.PostAsync($"/Surveys/Manage/Campaigns/{id}?handler=Resend", new FormUrlEncodedContent([]));
        Assert.True(resend.StatusCode != HttpStatusCode.Redirect || resend.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations"));
    }
}
