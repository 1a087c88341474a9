using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>Issue 17 §1 in a browser: one customer in two browsers, "sign out everywhere else"
/// from the first, and the second is sent to sign-in on its next page.</summary>
public sealed partial class SessionJourneyTests
{
    private const string Customer = "zhang.wei@hzwater.example";

    private static async Task SignInAsync(IPage page, PortalServer portal)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("#Input_Email").FillAsync(Customer);
        await page.Locator("#Input_Password").FillAsync(portal.DemoPassword(Customer));
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("account-menu")).ToHaveTextAsync("张伟");
    }

    [Fact]
    public async Task A_customer_signed_in_twice_signs_out_everywhere_else_and_the_other_browser_must_sign_in_again()
    {
        await using var journey = await Journey.StartAsync();
        if (journey is null) return;
        var (portal, page, problems) = (journey.Portal, journey.Page, journey.Problems);
        var shots = new Screenshots("sessions");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await SignInAsync(page, portal);
        var phone = await journey.SecondBrowserAsync();
        await SignInAsync(phone, portal);

        await page.GetByTestId("account-menu").ClickAsync();
        await page.Locator("a[href='/Account/Sessions']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(SessionsUrl());
        await Expect(page.GetByTestId("session")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("this-device")).ToHaveCountAsync(1);
        await shots.TakeAsync(page, "two-sessions");

        await page.GetByTestId("end-others").ClickAsync();
        await Expect(page.GetByTestId("session")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("this-device")).ToHaveCountAsync(1);
        await shots.TakeAsync(page, "signed-out-elsewhere");

        await phone.GotoAsync("/Contracts/MyService");
        await Expect(phone).ToHaveURLAsync(SignInWithReturnUrl());
        await shots.TakeAsync(phone, "other-browser-asked-to-sign-in");

        await page.GotoAsync("/Contracts/MyService");
        await Expect(page).ToHaveURLAsync(MyServiceUrl());

        Assert.True(problems.Count == 0, "Problems during the journey:\n" + string.Join('\n', problems));
    }

    [GeneratedRegex("/Account/Sessions$")]
    private static partial Regex SessionsUrl();

    [GeneratedRegex("/Account/SignIn\\?ReturnUrl=")]
    private static partial Regex SignInWithReturnUrl();

    [GeneratedRegex("/Contracts/MyService$")]
    private static partial Regex MyServiceUrl();
}
