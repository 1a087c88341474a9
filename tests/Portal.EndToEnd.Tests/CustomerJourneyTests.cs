using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

public sealed partial class CustomerJourneyTests
{
    private const string Customer = "zhang.wei@hzwater.example";

    [Fact]
    public async Task A_demo_customer_signs_in_switches_to_English_and_signs_out()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        var shots = new Screenshots("customer");

        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("h1")).ToHaveTextAsync("欢迎访问客户服务门户");
        await shots.TakeAsync(page, "home-chinese");

        await page.GetByTestId("sign-in-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await page.Locator("#Input_Email").FillAsync(Customer);
        await page.Locator("#Input_Password").FillAsync(portal.DemoPassword(Customer));
        await shots.TakeAsync(page, "sign-in-form");
        await page.GetByTestId("sign-in").ClickAsync();

        var accountMenu = page.GetByTestId("account-menu");
        await Expect(accountMenu).ToHaveTextAsync("张伟");
        await accountMenu.ClickAsync();
        await Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
        await shots.TakeAsync(page, "signed-in-account-menu");
        await page.Keyboard.PressAsync("Escape");

        await page.GetByTestId("switch-language").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Welcome to the customer service portal");
        await Expect(accountMenu).ToHaveTextAsync("张伟");
        await shots.TakeAsync(page, "english");

        await accountMenu.ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in-link")).ToHaveTextAsync("Sign in");
        await Expect(accountMenu).ToHaveCountAsync(0);
        await shots.TakeAsync(page, "signed-out");

        Assert.True(problems.Count == 0, "Problems during the journey:\n" + string.Join('\n', problems));
    }

    [GeneratedRegex("/Account/SignIn$")]
    private static partial Regex SignInUrl();
}
