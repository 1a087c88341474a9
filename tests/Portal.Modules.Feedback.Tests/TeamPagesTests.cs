using System.Globalization;
using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>/Feedback/Manage/Team over HTTP: staff see the support team, only admins change it.</summary>
public sealed class TeamPagesTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static void AssertForbidden(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || response.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
            $"expected forbidden, got {(int)response.StatusCode} {response.Headers.Location}");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffSeeTheTeamAndOnlyAdminsSetTiersLeadsAndSupervisors(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (engineer, staff) = await StaffKit.StaffMemberAsync(kit, "engineer@portal.example");
        var (_, admin) = await StaffKit.AdminAsync(kit);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var edit = string.Create(CultureInfo.InvariantCulture, $"/Feedback/Manage/Team/Edit/{engineer}");

        var page = await staff.GetDocumentAsync("/Feedback/Manage/Team");
        Assert.Contains("第一层：本地服务专员", page.QuerySelector($"tr[data-user='{engineer}'] [data-testid=tier]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=edit]"));
        AssertForbidden(await staff.GetAsync(edit));
        AssertForbidden(await staff.PostFormAsync(edit, new() { ["Tier"] = "3", ["IsSupervisor"] = "true" }, "/Feedback/Manage/Team"));
        AssertForbidden(await customer.GetAsync("/Feedback/Manage/Team"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_team"));

        Assert.NotNull((await admin.GetDocumentAsync("/Feedback/Manage/Team")).QuerySelector($"tr[data-user='{engineer}'] a[href='{edit}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(edit, new() { ["Tier"] = "2", ["IsLead"] = "true", ["IsSupervisor"] = "true" })).StatusCode);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_team WHERE user_id = @engineer AND tier = 2 AND is_lead = @True AND is_supervisor = @True",
            new { engineer, True = true }));
        page = await staff.GetDocumentAsync("/Feedback/Manage/Team");
        Assert.Contains("第二层：专职维护团队", page.QuerySelector($"tr[data-user='{engineer}'] [data-testid=tier]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("是", page.QuerySelector($"tr[data-user='{engineer}'] [data-testid=supervisor]")!.TextContent);

        var wrong = await admin.PostFormAsync(edit, new() { ["Tier"] = "4" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("请选择层级", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Feedback/Manage/Team/Edit/999999")).StatusCode);
    }
}
