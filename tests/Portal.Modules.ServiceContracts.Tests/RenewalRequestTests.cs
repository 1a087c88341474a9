using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class RenewalRequestTests
{
    private const string Password = MyServiceTestKit.Password;

    private sealed record Setup(PortalWebApp App, long Organisation, long Product, long OtherProduct, HttpClient Customer);

    private static async Task<Setup> StartAsync(string provider, string? accountManager)
    {
        var app = await PortalWebApp.StartAsync(provider);
        var services = app.Services;
        var org = await services.OrganisationAsync("ACME", accountManager);
        var other = await services.OrganisationAsync("OTHER", "am@vendor.example");
        var product = await services.ProductAsync("WATER");
        var otherProduct = await services.ProductAsync("GAS", "燃气平台", "Gas Platform");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await services.PeriodAsync(org, product, today.AddMonths(-11), today.AddDays(20));
        await services.PeriodAsync(other, otherProduct, today.AddMonths(-11), today.AddDays(20));
        await app.CreateUserAsync("li@acme.example", Password, PortalRoles.Customer, org);
        return new Setup(app, org, product, otherProduct, await app.SignInAsync("li@acme.example", Password));
    }

    private static Task<HttpResponseMessage> RequestAsync(Setup s, long product, string message) =>
        s.Customer.PostFormAsync($"/Contracts/MyService/RequestRenewal?productId={product}", new() { ["Input.Message"] = message, ["ProductId"] = $"{product}" },
            formPage: $"/Contracts/MyService/RequestRenewal?productId={s.Product}");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_request_is_recorded_emailed_to_the_account_manager_and_a_duplicate_is_refused(string provider)
    {
        var s = await StartAsync(provider, "am@vendor.example");
        await using var app = s.App;

        var response = await RequestAsync(s, s.Product, "Please renew with 7×24 <b>support</b>");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await app.Services.ScalarAsync<long>(
            "SELECT COUNT(*) FROM sc_renewal_requests WHERE organisation_id = @Organisation AND product_id = @Product AND state = 'open' AND message = @M",
            new { s.Organisation, s.Product, M = "Please renew with 7×24 <b>support</b>" }));
        var email = Assert.Single(await app.Services.EmailsAsync("contracts.renewal-request"));
        Assert.Equal("am@vendor.example", email.To);
        Assert.Equal("ACME Ltd", email.Values["organisation"]);
        Assert.Equal("li@acme.example", email.Values["requester_email"]);
        Assert.Contains("7×24", email.Values["message"], StringComparison.Ordinal);

        var again = await RequestAsync(s, s.Product, "again");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = await again.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"form-errors\"", page, StringComparison.Ordinal);
        Assert.Contains("续约申请已于", page, StringComparison.Ordinal);
        Assert.Equal(1, await app.Services.ScalarAsync<long>("SELECT COUNT(*) FROM sc_renewal_requests"));
        Assert.Single(await app.Services.EmailsAsync("contracts.renewal-request"));

        // Staff see it, mark it handled; then the customer may ask again.
        await app.CreateUserAsync("staff@vendor.example", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("staff@vendor.example", Password);
        var queue = await staff.GetDocumentAsync("/Contracts/Manage/RenewalRequests");
        var row = Assert.Single(queue.QuerySelectorAll("[data-testid=renewal-requests] tbody tr"));
        Assert.Equal("open", row.GetAttribute("data-state"));
        var id = row.GetAttribute("data-id")!;
        var empty = await staff.PostFormAsync($"/Contracts/Manage/RenewalRequests/Handle?id={id}", new() { ["Id"] = id, ["Input.Note"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var handled = await staff.PostFormAsync($"/Contracts/Manage/RenewalRequests/Handle?id={id}", new() { ["Id"] = id, ["Input.Note"] = "Contract R-2027-01 recorded" });
        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        queue = await staff.GetDocumentAsync("/Contracts/Manage/RenewalRequests");
        row = Assert.Single(queue.QuerySelectorAll("[data-testid=renewal-requests] tbody tr"));
        Assert.Equal("handled", row.GetAttribute("data-state"));
        Assert.Equal("Contract R-2027-01 recorded", row.QuerySelector("[data-testid=note]")!.TextContent.Trim());

        Assert.Equal(HttpStatusCode.Redirect, (await RequestAsync(s, s.Product, "")).StatusCode);
        Assert.Equal(2, (await app.Services.EmailsAsync("contracts.renewal-request")).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Without_an_account_manager_the_request_is_recorded_and_the_queue_says_nobody_was_emailed(string provider)
    {
        var s = await StartAsync(provider, accountManager: null);
        await using var app = s.App;

        Assert.Equal(HttpStatusCode.Redirect, (await RequestAsync(s, s.Product, "")).StatusCode);

        Assert.Equal(1, await app.Services.ScalarAsync<long>("SELECT COUNT(*) FROM sc_renewal_requests WHERE account_manager_email IS NULL"));
        Assert.Empty(await app.Services.EmailsAsync("contracts.renewal-request"));
        await app.CreateUserAsync("staff@vendor.example", Password, PortalRoles.Staff);
        var staff = await app.SignInAsync("staff@vendor.example", Password);
        var queue = await staff.GetDocumentAsync("/Contracts/Manage/RenewalRequests");
        Assert.NotNull(queue.QuerySelector("[data-testid=no-manager]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_organisations_product_is_not_found_and_staff_pages_are_forbidden(string provider)
    {
        var s = await StartAsync(provider, "am@vendor.example");
        await using var app = s.App;

        Assert.Equal(HttpStatusCode.NotFound, (await s.Customer.GetAsync($"/Contracts/MyService/RequestRenewal?productId={s.OtherProduct}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RequestAsync(s, s.OtherProduct, "x")).StatusCode);
        Assert.Equal(0, await app.Services.ScalarAsync<long>("SELECT COUNT(*) FROM sc_renewal_requests"));

        Assert.Equal(HttpStatusCode.Redirect, (await RequestAsync(s, s.Product, "")).StatusCode);
        var id = await app.Services.ScalarAsync<long>("SELECT id FROM sc_renewal_requests");
        foreach (var url in new[] { "/Contracts/Manage/RenewalRequests", $"/Contracts/Manage/RenewalRequests/Handle?id={id}" })
        {
            var response = await s.Customer.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
                Assert.Contains("/Error/403", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}
