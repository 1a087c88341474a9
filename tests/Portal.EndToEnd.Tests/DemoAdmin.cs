using Microsoft.Playwright;
using Portal.Testing;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>Signing demo accounts in. Staff and admins set up two-factor at their first sign-in:
/// the portal sends them to the set-up page, and once a code is verified they continue signed in.</summary>
internal static class DemoAdmin
{
    public const string Email = "admin@portal.example";

    /// <summary>First sign-in of a staff member or admin (the demo admin unless <paramref name="email"/>
    /// says otherwise): password, then the set-up page, a code from the "app", the recovery codes, and
    /// on. Returns the authenticator key for later sign-ins (<see cref="SignInWithCodeAsync"/>).</summary>
    public static async Task<string> SetUpTwoFactorAsync(IPage page, PortalServer portal, string email = Email, Screenshots? shots = null)
    {
        await SignInAsync(page, email, portal.DemoPassword(email));
        await Expect(page.GetByTestId("two-factor-required")).ToBeVisibleAsync();
        if (shots is not null) await shots.TakeAsync(page, "two-factor-required");

        var key = (await page.GetByTestId("authenticator-key").TextContentAsync())!.Trim();
        await page.Locator("#Input_Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
        if (shots is not null) await shots.TakeAsync(page, "two-factor-enabled");

        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("account-menu")).ToBeVisibleAsync();
        return key;
    }

    /// <summary>A later sign-in of an account with two-factor on: password, then a code.</summary>
    public static async Task SignInWithCodeAsync(IPage page, PortalServer portal, string email, string key, Screenshots? shots = null)
    {
        await SignInAsync(page, email, portal.DemoPassword(email));
        await page.Locator("#Input_Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        if (shots is not null) await shots.TakeAsync(page, "code-prompt");
        await page.GetByTestId("verify-code").ClickAsync();
        await Expect(page.GetByTestId("account-menu")).ToBeVisibleAsync();
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
}
