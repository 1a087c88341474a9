using Microsoft.Playwright;
using Portal.Testing;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

public sealed class AdminJourneyTests
{
    [Fact]
    public async Task The_demo_admin_sets_up_two_factor_signs_in_with_a_code_and_invites_a_customer()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var shots = new Screenshots("admin");

        var key = await DemoAdmin.SetUpTwoFactorAsync(page, portal, shots: shots);
        await page.Context.ClearCookiesAsync();
        await DemoAdmin.SignInWithCodeAsync(page, portal, DemoAdmin.Email, key, shots);

        await page.GotoAsync("/Admin/Users");
        await Expect(page.Locator("h1")).ToHaveTextAsync("用户");
        await Expect(page.Locator("main table")).ToContainTextAsync("zhang.wei@hzwater.example");
        await shots.TakeAsync(page, "users");

        await page.GotoAsync("/Admin/Users/Invite");
        await page.Locator("#Input_Email").FillAsync("li.ming@hzwater.example");
        await page.Locator("#Input_DisplayName").FillAsync("李明");
        await page.Locator("select[name='Input.OrganisationId']").SelectOptionAsync(new SelectOptionValue { Label = "杭州市水务集团有限公司 (HZ-WATER)" });
        await page.GetByTestId("send-invitation").ClickAsync();
        await Expect(page.Locator("main [role=status]")).ToContainTextAsync("li.ming@hzwater.example");
        await shots.TakeAsync(page, "invited");

        Assert.True(problems.Count == 0, "Problems during the journey:\n" + string.Join('\n', problems));
    }
}
