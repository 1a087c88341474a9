using Microsoft.Playwright;

namespace Portal.EndToEnd.Tests;

internal static class JourneyProblems
{
    /// <summary>Console errors (a CSP violation shows up there), script errors, failed requests
    /// and error statuses, collected for the whole journey (into <paramref name="problems"/> when
    /// several pages share one list).</summary>
    public static List<string> Watch(IPage page, List<string>? problems = null)
    {
        problems ??= [];
        page.Console += (_, message) =>
        {
            // Chromium asks for /favicon.ico on its own; the portal has no icon yet.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
                problems.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => problems.Add($"script error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // The suggestion scripts abort their previous fetch on the next keystroke (AbortController),
            // and a navigation cancels one in flight: by design, not a failure.
            if (request.ResourceType == "fetch" && request.Failure == "net::ERR_ABORTED") return;
            problems.Add($"request failed: {request.Url} {request.Failure}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) problems.Add($"{response.Status} {response.Url}");
        };
        return problems;
    }
}
