using Microsoft.Playwright;
using Portal.Testing;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>The demo admin's first visit: sign in, set up two-factor (admin pages require it),
/// sign in again with a code. Returns the authenticator key.</summary>
internal static class DemoAdmin
{
    public const string Email = "admin@portal.example";

    public static async Task<string> SetUpTwoFactorAsync(IPage page, PortalServer portal, Screenshots? shots = null)
    {
        await SignInAsync(page, portal.DemoPassword(Email));
        await page.GotoAsync("/Admin/Users");
        await Expect(page.GetByTestId("two-factor-required")).ToBeVisibleAsync();
        if (shots is not null) await shots.TakeAsync(page, "two-factor-required");

        var key = (await page.GetByTestId("authenticator-key").TextContentAsync())!.Trim();
        await page.Locator("#Input_Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
        if (shots is not null) await shots.TakeAsync(page, "two-factor-enabled");

        await page.GetByTestId("sign-in-again").Locator("button").ClickAsync();
        await SignInAsync(page, portal.DemoPassword(Email));
        await page.Locator("#Input_Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        if (shots is not null) await shots.TakeAsync(page, "code-prompt");
        await page.GetByTestId("verify-code").ClickAsync();
        await Expect(page.GetByTestId("account-menu")).ToBeVisibleAsync();
        return key;
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        // Signed in once the browser has left the sign-in page (for the two-factor page or the one asked for).
        try
        {
            await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.Equals("/Account/SignIn", StringComparison.OrdinalIgnoreCase),
                new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            // Say what the sign-in page answered, so a failure names its cause rather than a timeout.
            var said = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new InvalidOperationException($"Sign-in of {email} stayed on {page.Url}; the page says: {said}");
        }
    }

    private static Task SignInAsync(IPage page, string password) => SignInAsync(page, Email, password);
}
