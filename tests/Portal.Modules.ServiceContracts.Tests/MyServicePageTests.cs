using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class MyServicePageTests
{
    private const string Password = MyServiceTestKit.Password;

    private static DateOnly ShanghaiToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_customer_sees_their_own_periods_days_left_gaps_and_coverage_only(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var s = app.Services;
        var today = ShanghaiToday();
        var org = await s.OrganisationAsync("ACME");
        var other = await s.OrganisationAsync("OTHER");
        var water = await s.ProductAsync("WATER");
        var gas = await s.ProductAsync("GAS", "燃气平台", "Gas Platform");
        var old = await s.PeriodAsync(org, water, today.AddYears(-3), today.AddYears(-2), kind: "free");
        var current = await s.PeriodAsync(org, water, today.AddMonths(-11), today.AddDays(20), level: "premium", majorUpgrades: true);
        var foreign = await s.PeriodAsync(other, gas, today.AddMonths(-1), today.AddMonths(11));
        await app.CreateUserAsync("li@acme.example", Password, PortalRoles.Customer, org, language: "en");
        var customer = await app.SignInAsync("li@acme.example", Password);

        var page = await customer.GetDocumentAsync("/Contracts/MyService");

        var product = Assert.Single(page.QuerySelectorAll("[data-testid=product]"));
        Assert.Equal("WATER", product.GetAttribute("data-code"));
        Assert.Equal("21", product.QuerySelector("[data-testid=days-left]")!.GetAttribute("data-days"));
        Assert.NotNull(product.QuerySelector("[data-testid=expiry-warning]"));
        Assert.Contains("Premium (7×24)", product.QuerySelector("[data-testid=current-period]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Major upgrades: Included", product.QuerySelector("[data-testid=coverage]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([$"{current}", $"{old}"], product.QuerySelectorAll("[data-testid=history-period]").Select(r => r.GetAttribute("data-id")));
        Assert.Single(product.QuerySelectorAll("[data-testid=history-gap]"));
        Assert.DoesNotContain($"data-id=\"{foreign}\"", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(product.QuerySelector("[data-testid=request-renewal]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_recorded_renewal_replaces_the_expiry_warning(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var s = app.Services;
        var today = ShanghaiToday();
        var org = await s.OrganisationAsync("ACME");
        var water = await s.ProductAsync("WATER");
        var current = today.AddDays(20);
        await s.PeriodAsync(org, water, today.AddMonths(-11), current);
        await app.CreateUserAsync("li@acme.example", Password, PortalRoles.Customer, org);
        var customer = await app.SignInAsync("li@acme.example", Password);
        Assert.NotNull((await customer.GetDocumentAsync("/Contracts/MyService")).QuerySelector("[data-testid=expiry-warning]"));

        await s.PeriodAsync(org, water, current.AddDays(1), current.AddYears(1), kind: "paid");

        var page = await customer.GetDocumentAsync("/Contracts/MyService");
        Assert.Null(page.QuerySelector("[data-testid=expiry-warning]"));
        Assert.Contains(current.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            page.QuerySelector("[data-testid=renewed]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_ended_period_is_not_covered_and_staff_cannot_open_the_customer_page(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var s = app.Services;
        var today = ShanghaiToday();
        var org = await s.OrganisationAsync("ACME");
        await s.PeriodAsync(org, await s.ProductAsync("WATER"), today.AddYears(-1), today.AddDays(-1));
        await app.CreateUserAsync("li@acme.example", Password, PortalRoles.Customer, org);
        await app.CreateUserAsync("staff@vendor.example", Password, PortalRoles.Staff);

        var page = await (await app.SignInAsync("li@acme.example", Password)).GetDocumentAsync("/Contracts/MyService");
        Assert.NotNull(page.QuerySelector("[data-testid=not-covered]"));
        Assert.Null(page.QuerySelector("[data-testid=days-left]"));

        var staff = await app.SignInAsync("staff@vendor.example", Password);
        var response = await staff.GetAsync("/Contracts/MyService");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
            Assert.Contains("/Error/403", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
