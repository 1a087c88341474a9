using Microsoft.Playwright;

namespace Portal.EndToEnd.Tests;

/// <summary>One browser journey: the portal on a real port, Debian's Chromium with a Chinese
/// locale, one page, and the problems (console errors, failed requests) seen on it.</summary>
internal sealed class Journey : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IBrowserContext context;

    private Journey(PortalServer portal, IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        Portal = portal;
        this.playwright = playwright;
        this.browser = browser;
        this.context = context;
        Page = page;
        Problems = JourneyProblems.Watch(page);
    }

    public PortalServer Portal { get; }

    public IPage Page { get; }

    public List<string> Problems { get; }

    /// <summary>Null when Chromium is missing and the run is not strict (the test then returns early).</summary>
    public static async Task<Journey?> StartAsync()
    {
        var chromium = Chromium.Find();
        if (chromium is null) return null;
        var portal = await PortalServer.StartAsync();
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright, chromium);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "zh-CN",
        });
        // Other test assemblies run beside the journeys on CI's two cores: a sign-in (password
        // hashing) once took longer than Playwright's 30 s default there.
        context.SetDefaultTimeout(90_000);
        return new Journey(portal, playwright, browser, context, await context.NewPageAsync());
    }

    /// <summary>A second browser with its own cookies (e.g. a customer answering while staff stay signed in),
    /// watched for problems like the first.</summary>
    public async Task<IPage> SecondBrowserAsync()
    {
        var other = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "zh-CN",
        });
        other.SetDefaultTimeout(90_000);
        var page = await other.NewPageAsync();
        JourneyProblems.Watch(page, Problems);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
        await Portal.DisposeAsync();
    }
}
