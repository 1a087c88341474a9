using Microsoft.Playwright;
using Portal.Testing;

namespace Portal.EndToEnd.Tests;

/// <summary>Screenshots of a journey, numbered by step, under TestResults/screenshots/ (or the
/// folder named by PORTAL_TEST_SCREENSHOTS).</summary>
internal sealed class Screenshots(string journey)
{
    private int step;

    public static string Folder =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(RepositoryPaths.TestResults, "screenshots");

    /// <summary>The whole page, or only what the window shows (e.g. a dropdown over the page).</summary>
    public async Task TakeAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Folder);
        step++;
        var file = Path.Combine(Folder, $"{journey}-{step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = fullPage });
    }
}
