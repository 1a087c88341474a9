using Microsoft.Playwright;
using Portal.Testing;
using Xunit;

namespace Portal.EndToEnd.Tests;

/// <summary>Debian's Chromium driven by Playwright (Playwright's own browser download is not
/// available here). PORTAL_TEST_CHROMIUM names the executable; default /usr/bin/chromium.</summary>
internal static class Chromium
{
    public const string PathVariable = "PORTAL_TEST_CHROMIUM";

    /// <summary>The executable, or null when it is missing and the run is not strict (the test then
    /// returns early); under PORTAL_TEST_STRICT=1 a missing browser fails the test.</summary>
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (File.Exists(path)) return path;
        Assert.False(TestDatabase.Strict, $"Chromium not found at {path}: install chromium (./test.sh does) or set {PathVariable}.");
        return null;
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executable) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
}
