using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

public sealed class ServiceContractJourneyTests
{
    private const string Customer = "liu.yang@szpower.example";

    [Fact]
    public async Task A_customer_sees_days_left_an_admin_records_the_renewal_and_the_customer_sees_it()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        var shots = new Screenshots("contracts");

        await DemoAdmin.SignInAsync(page, Customer, portal.DemoPassword(Customer));
        await page.GotoAsync("/Contracts/MyService");
        var kms = page.Locator("[data-testid=product][data-code=KMS]");
        var daysLeft = int.Parse((await kms.GetByTestId("days-left").GetAttributeAsync("data-days"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(daysLeft, 1, 30);
        await Expect(kms.GetByTestId("expiry-warning")).ToBeVisibleAsync();
        await shots.TakeAsync(page, "customer-expiring");
        await SignOutAsync(page);

        await DemoAdmin.SetUpTwoFactorAsync(page, portal);
        await page.GotoAsync("/Contracts/Manage/ServiceContracts/Create");
        await SelectByTextAsync(page, "#p-org", "SZ-POWER");
        await SelectByTextAsync(page, "#p-product", "KMS");
        await page.GetByTestId("propose").ClickAsync();
        await Expect(page.GetByTestId("proposal")).ToContainTextAsync("续约");
        await shots.TakeAsync(page, "admin-renewal-proposed");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Contracts/Manage/ServiceContracts/Edit"));
        await shots.TakeAsync(page, "admin-renewal-saved");
        await SignOutAsync(page);

        await DemoAdmin.SignInAsync(page, Customer, portal.DemoPassword(Customer));
        await page.GotoAsync("/Contracts/MyService");
        await Expect(kms.GetByTestId("renewed")).ToBeVisibleAsync();
        await Expect(kms.GetByTestId("expiry-warning")).ToHaveCountAsync(0);
        await Expect(kms.GetByTestId("history-period")).ToHaveCountAsync(2);
        await shots.TakeAsync(page, "customer-renewed");

        Assert.True(problems.Count == 0, "Problems during the journey:\n" + string.Join('\n', problems));
    }

    private static async Task SelectByTextAsync(IPage page, string select, string text)
    {
        var value = await page.Locator($"{select} option", new() { HasText = text }).First.GetAttributeAsync("value");
        await page.Locator(select).SelectOptionAsync(value!);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in-link")).ToBeVisibleAsync();
    }
}
