using System.Net;
using Portal.Modules.Feedback.Requests;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>/Feedback/Manage over HTTP: the staff queue's filters, sorts, markers and pages.</summary>
public sealed class StaffQueueTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static async Task<string[]> ReferencesAsync(HttpClient staff, string query)
    {
        var page = await staff.GetDocumentAsync("/Feedback/Manage" + query);
        return [.. page.QuerySelectorAll("[data-testid=queue] tbody tr").Select(r => r.GetAttribute("data-reference")!)];
    }

    private static async Task<string> ReferenceAsync(FeedbackWebKit kit, long id) =>
        await kit.ScalarAsync<string>("SELECT reference FROM fb_requests WHERE id = @id", new { id });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheQueueFiltersByEveryCriterionAndSortsByDueTimeOverdueFirst(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, acme) = await kit.CustomerAsync("ACME");
        var (other, stranger) = await kit.CustomerAsync("OTHER", covered: false);
        var (me, staff) = await StaffKit.StaffMemberAsync(kit, "engineer@portal.example");
        var overdue = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(acme, FeedbackWebKit.Problem("KMS-ACME", "Overdue one", 2)));
        var soon = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(acme, FeedbackWebKit.Problem("KMS-ACME", "Due soon one", 3)));
        var later = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(acme, FeedbackWebKit.Problem("KMS-ACME", "Later one", 1)));
        var suggestion = FeedbackWebKit.Problem("KMS-OTHER", "A suggestion");
        suggestion["Input.Type"] = "suggestion";
        suggestion.Remove("Input.Severity");
        var uncovered = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(stranger, suggestion));
        var now = DateTimeOffset.UtcNow;
        await kit.ExecuteAsync("UPDATE fb_requests SET next_due_at = @due WHERE id = @id", new { id = overdue, due = now.AddHours(-1) });
        await kit.ExecuteAsync("UPDATE fb_requests SET next_due_at = @due, assignee_id = @me, assignee_name = 'engineer' WHERE id = @id", new { id = soon, due = now.AddHours(2), me });
        await kit.ExecuteAsync("UPDATE fb_requests SET next_due_at = @due, tier = 2 WHERE id = @id", new { id = later, due = now.AddDays(3) });
        var (o, s, l, u) = (await ReferenceAsync(kit, overdue), await ReferenceAsync(kit, soon), await ReferenceAsync(kit, later), await ReferenceAsync(kit, uncovered));

        var page = await staff.GetDocumentAsync("/Feedback/Manage");
        Assert.Equal([o, s, l, u], [.. page.QuerySelectorAll("[data-testid=queue] tbody tr").Select(r => r.GetAttribute("data-reference")!)]);
        Assert.NotNull(page.QuerySelector($"tr[data-reference='{o}'] [data-testid=overdue]"));
        Assert.NotNull(page.QuerySelector($"tr[data-reference='{s}'] [data-testid=due-soon]"));
        Assert.Null(page.QuerySelector($"tr[data-reference='{l}'] [data-testid=due-soon]"));
        Assert.NotNull(page.QuerySelector($"tr[data-reference='{u}'] [data-testid=not-covered]"));
        Assert.Contains("OTHER Ltd", page.QuerySelector($"tr[data-reference='{u}']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/Feedback/Manage/Team']"));
        Assert.NotNull(page.QuerySelector("a[href='/Feedback/Manage']"));

        Assert.Equal([o], await ReferencesAsync(staff, "?breached=true"));
        Assert.Equal([s], await ReferencesAsync(staff, "?soon=true"));
        Assert.Equal([l], await ReferencesAsync(staff, "?tier=2"));
        Assert.Equal([o, s, u], await ReferencesAsync(staff, "?tier=1"));
        Assert.Equal([s], await ReferencesAsync(staff, "?assignee=me"));
        Assert.Equal([s], await ReferencesAsync(staff, $"?assignee={me}"));
        Assert.Equal([o, l, u], await ReferencesAsync(staff, "?assignee=none"));
        Assert.Equal([l], await ReferencesAsync(staff, "?severity=1"));
        Assert.Equal([u], await ReferencesAsync(staff, "?type=suggestion"));
        Assert.Equal([u], await ReferencesAsync(staff, $"?org={other}"));
        Assert.Equal([o, s, l], await ReferencesAsync(staff, "?product=KMS-ACME"));
        Assert.Equal([l, o, s, u], await ReferencesAsync(staff, "?sort=severity"));
        Assert.Equal([u, l, s, o], await ReferencesAsync(staff, "?sort=newest"));
        Assert.Equal([o, s, l, u], await ReferencesAsync(staff, "?sort=id%3B%20DROP%20TABLE%20fb_requests"));
        Assert.Equal([s], await ReferencesAsync(staff, "?assignee=me&soon=true&tier=1&severity=3&product=KMS-ACME"));
        Assert.NotNull((await staff.GetDocumentAsync("/Feedback/Manage?status=closed")).QuerySelector("[data-testid=empty]"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheQueueIsPagedAndOnlyForStaff(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (organisation, customer) = await kit.CustomerAsync("ACME");
        var (_, staff) = await StaffKit.StaffMemberAsync(kit, "engineer@portal.example");
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 21; i++)
        {
            await kit.ExecuteAsync("""
                INSERT INTO fb_requests (reference, organisation_id, created_by, contact_name, contact_email, contact_language, type, product_code,
                    product_version, severity, title, description, status, covered, next_due_at, created_at, updated_at)
                VALUES (@reference, @organisation, 1, 'C', 'c@acme.example', 'zh-CN', 'problem', 'KMS-ACME', '8.5.2', 3, 'T', 'D', 'new', @True, @due, @now, @now)
                """, new { reference = $"FB-2026-{i + 1:000000}", organisation, True = true, due = now.AddHours(i + 10), now });
        }

        var first = await staff.GetDocumentAsync("/Feedback/Manage");
        Assert.Equal(20, first.QuerySelectorAll("[data-testid=queue] tbody tr").Length);
        Assert.Equal("FB-2026-000001", first.QuerySelector("[data-testid=queue] tbody tr")!.GetAttribute("data-reference"));
        Assert.Contains("p=2", first.QuerySelector("[data-testid=page-next]")!.GetAttribute("href"), StringComparison.Ordinal);
        var second = await staff.GetDocumentAsync("/Feedback/Manage?p=2");
        Assert.Equal(["FB-2026-000021"], second.QuerySelectorAll("[data-testid=queue] tbody tr").Select(r => r.GetAttribute("data-reference")));

        var forbidden = await customer.GetAsync("/Feedback/Manage");
        Assert.True(forbidden.StatusCode == HttpStatusCode.Forbidden || forbidden.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true);
        Assert.Contains("/Account/SignIn", (await kit.App.Browser().GetAsync("/Feedback/Manage")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("/Feedback/Manage\"", await (await customer.GetAsync("/Feedback")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BeyondAThousandRequestsTheQueueSaysMoreThanAThousandAndStillPages(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (organisation, _) = await kit.CustomerAsync("ACME");
        var (_, staff) = await StaffKit.StaffMemberAsync(kit, "engineer@portal.example");
        var now = DateTimeOffset.UtcNow;
        await kit.ExecuteAsync("""
            INSERT INTO fb_requests (reference, organisation_id, created_by, contact_name, contact_email, contact_language, type, product_code,
                product_version, severity, title, description, status, covered, next_due_at, created_at, updated_at)
            VALUES (@reference, @organisation, 1, 'C', 'c@acme.example', 'zh-CN', 'problem', 'KMS-ACME', '8.5.2', 3, 'T', 'D', 'new', @True, @due, @now, @now)
            """, Enumerable.Range(1, RequestQueries.QueueCountCap + 5).Select(i => new { reference = $"FB-2026-{i:000000}", organisation, True = true, due = now.AddMinutes(i), now }));

        var first = await staff.GetDocumentAsync("/Feedback/Manage");
        Assert.Contains("1000", first.QuerySelector("[data-testid=more-than]")!.TextContent, StringComparison.Ordinal);
        var last = await staff.GetDocumentAsync("/Feedback/Manage?p=50");
        Assert.Equal("FB-2026-000981", last.QuerySelector("[data-testid=queue] tbody tr")!.GetAttribute("data-reference"));
        Assert.Null(last.QuerySelector("[data-testid=page-next]"));
        var filtered = await staff.GetDocumentAsync("/Feedback/Manage?severity=1");
        Assert.Null(filtered.QuerySelector("[data-testid=more-than]"));
    }
}
