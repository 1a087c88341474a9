using Microsoft.Playwright;
using Portal.Testing;

namespace Portal.EndToEnd.Tests;

/// <summary>Full-page screenshots of a journey, numbered by step, under TestResults/screenshots/.</summary>
internal sealed class Screenshots(string journey)
{
    private int step;

    public static string Folder => Path.Combine(RepositoryPaths.TestResults, "screenshots");

    public async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        step++;
        var file = Path.Combine(Folder, $"{journey}-{step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }
}
