using System.Net;
using AngleSharp.Html.Dom;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>/Feedback/Manage/Compliance over HTTP on both databases: the numbers of a month with met and
/// missed targets, the month boundary in the vendor's time zone, the empty state, and who may see it.</summary>
public sealed class CompliancePageTests
{
    private const string Page = "/Feedback/Manage/Compliance";

    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static Task InsertAsync(FeedbackWebKit kit, long organisation, string type, int? severity, bool covered, string status, string createdAt,
        string? respondDue = null, string? firstResponse = null, string? resolveDue = null, string? resolvedAt = null, bool? resolveMet = null) =>
        kit.ExecuteAsync("""
            INSERT INTO fb_requests (reference, organisation_id, created_by, contact_name, contact_email, contact_language, type, product_code,
                product_version, severity, title, description, status, covered, business_hours, respond_due_at, resolve_due_at, first_response_at,
                next_due_at, resolved_at, resolve_met, created_at, updated_at)
            VALUES (@reference, @organisation, 1, 'C', 'c@acme.example', 'zh-CN', @type, 'KMS', '8.5.2', @severity, 'T', 'D', @status, @covered, @True,
                @respond, @resolve, @first, NULL, @resolved, @resolveMet, @created, @created)
            """, new
        {
            reference = "FB-" + Guid.NewGuid().ToString("N"), organisation, type, severity, status, covered, True = true,
            respond = respondDue is null ? (DateTimeOffset?)null : At(respondDue), resolve = resolveDue is null ? (DateTimeOffset?)null : At(resolveDue),
            first = firstResponse is null ? (DateTimeOffset?)null : At(firstResponse), resolved = resolvedAt is null ? (DateTimeOffset?)null : At(resolvedAt),
            resolveMet, created = At(createdAt),
        });

    private static string Cell(IHtmlDocument page, string category, string column) =>
        page.QuerySelector($"tr[data-category='{category}'] td[data-col='{column}']")!.TextContent.Trim();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheMonthShowsMetMissedAndRunningTargetsPerSeverityAndTheirCompliance(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (acme, _) = await kit.CustomerAsync("ACME");
        // Severity 2: one answered and solved in time, one late on both.
        await InsertAsync(kit, acme, "problem", 2, true, "closed", "2025-11-10T08:00:00Z", "2025-11-10T10:00:00Z", "2025-11-10T09:00:00Z",
            "2025-11-12T08:00:00Z", "2025-11-11T08:00:00Z", true);
        await InsertAsync(kit, acme, "problem", 2, true, "proposed", "2025-11-10T08:00:00Z", "2025-11-10T10:00:00Z", "2025-11-10T12:00:00Z",
            "2025-11-12T08:00:00Z", "2025-11-13T08:00:00Z", false);
        // Severity 1: never answered, both due times long past.
        await InsertAsync(kit, acme, "problem", 1, true, "new", "2025-11-20T08:00:00Z", "2025-11-20T09:00:00Z", resolveDue: "2025-11-22T08:00:00Z");
        // Severity 4: answered in time, resolution still running.
        await InsertAsync(kit, acme, "problem", 4, true, "in_progress", "2025-11-14T08:00:00Z", "2025-11-15T08:00:00Z", "2025-11-14T09:00:00Z",
            "2099-01-01T00:00:00Z");
        // A suggestion no service period covered, received in November.
        await InsertAsync(kit, acme, "suggestion", null, false, "new", "2025-11-05T08:00:00Z");
        // Due at 01:00 on 1 December in Shanghai: December's.
        await InsertAsync(kit, acme, "problem", 3, true, "closed", "2025-11-30T08:00:00Z", "2025-11-30T17:00:00Z", "2025-11-30T16:00:00Z",
            "2025-12-02T08:00:00Z", "2025-12-01T08:00:00Z", true);
        var staff = await kit.StaffAsync();

        var november = await staff.GetDocumentAsync(Page + "?month=2025-11");

        Assert.Equal("2025-11", november.QuerySelector("[data-testid=month]")!.TextContent);
        Assert.Contains("达成率 = 达成 ÷（达成 + 未达成）", november.QuerySelector("[data-testid=how]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", Cell(november, "2", "requests"));
        Assert.Equal("1", Cell(november, "2", "response-met"));
        Assert.Equal("1", Cell(november, "2", "response-missed"));
        Assert.Equal("50%", Cell(november, "2", "response-percent"));
        Assert.Equal("50%", Cell(november, "2", "resolution-percent"));
        Assert.Equal("1", Cell(november, "1", "response-missed"));
        Assert.Equal("1", Cell(november, "1", "resolution-missed"));
        Assert.Equal("0%", Cell(november, "1", "response-percent"));
        Assert.Equal("0", Cell(november, "3", "requests"));
        Assert.Equal("100%", Cell(november, "4", "response-percent"));
        Assert.Equal("1", Cell(november, "4", "resolution-running"));
        Assert.Equal("–", Cell(november, "4", "resolution-percent"));
        Assert.Equal("1", Cell(november, "suggestion", "not-covered"));
        Assert.Equal("–", Cell(november, "suggestion", "response-percent"));
        Assert.Equal("5", Cell(november, "total", "requests"));
        Assert.Equal("1", Cell(november, "total", "not-covered"));
        Assert.Equal("50%", Cell(november, "total", "response-percent"));
        Assert.Equal("33%", Cell(november, "total", "resolution-percent"));
        Assert.Equal(Page + "?month=2025-10", november.QuerySelector("[data-testid=previous]")!.GetAttribute("href"));
        Assert.Equal(Page + "?month=2025-12", november.QuerySelector("[data-testid=next]")!.GetAttribute("href"));

        var december = await staff.GetDocumentAsync(Page + "?month=2025-12");
        Assert.Equal("1", Cell(december, "3", "requests"));
        Assert.Equal("100%", Cell(december, "3", "resolution-percent"));
        Assert.Equal("1", Cell(december, "total", "requests"));

        var empty = await staff.GetDocumentAsync(Page + "?month=2020-01");
        Assert.NotNull(empty.QuerySelector("[data-testid=empty]"));
        Assert.Null(empty.QuerySelector("[data-testid=compliance]"));

        var current = await staff.GetDocumentAsync(Page);
        Assert.Equal(FeedbackWebKit.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            current.QuerySelector("[data-testid=month]")!.TextContent);
        Assert.NotNull(current.QuerySelector($"a[href='{Page}']"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyStaffReachTheDashboard(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var admin = await kit.ContactAsync((await kit.CustomerAsync("OTHER")).Organisation, "boss@other.example", admin: true);

        foreach (var browser in new[] { customer, admin })
        {
            var response = await browser.GetAsync(Page + "?month=2025-11");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                || response.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"expected forbidden, got {(int)response.StatusCode} {response.Headers.Location}");
            Assert.Null((await browser.GetDocumentAsync("/Feedback")).QuerySelector($"a[href='{Page}']"));
        }
        Assert.Contains("/Account/SignIn", (await kit.App.Browser().GetAsync(Page)).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
