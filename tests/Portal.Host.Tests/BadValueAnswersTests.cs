using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>Issue 17 §6: bad values the walk found, answered once for every page instead of page by page.</summary>
public sealed class BadValueAnswersTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_list_filter_with_a_nul_character_gets_the_request_not_valid_page_not_a_server_error(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var web = app.WithTestHooks();
        await app.CreateUserAsync("nul.admin@portal.example", Password, PortalRoles.Admin, authenticatorKey: "JBSWY3DPEHPK3PXP");
        var browser = web.Browser();
        Assert.Equal(HttpStatusCode.NoContent, (await browser.GetAsync($"{TestHooks.SecondFactorSignInPath}?email=nul.admin@portal.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin/Users?q=ab")).StatusCode);

        var response = await browser.GetAsync("/Admin/Users?q=a%00b");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_form_posted_with_a_nul_character_gets_the_request_not_valid_page(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var browser = app.Browser();

        var response = await browser.PostFormAsync("/Account/SignIn",
            new() { ["Input.Email"] = "someone\0@example.com", ["Input.Password"] = Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_checkbox_posted_with_a_value_that_is_not_a_bool_shows_the_form_again_unticked(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await app.CreateUserAsync("box.staff@portal.example", Password, PortalRoles.Staff);
        var browser = await app.SignInAsync("box.staff@portal.example", Password);

        var response = await browser.PostFormAsync("/Contracts/Manage/Products/Create", new()
        {
            ["Input.Code"] = "BOX1", ["Input.NameZh"] = "盒子", ["Input.NameEn"] = "Box", ["Input.IsActive"] = "abc",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var box = Assert.Single(page.QuerySelectorAll("input[type=checkbox][name='Input.IsActive']"));
        Assert.False(box.HasAttribute("checked"));
        Assert.DoesNotContain("BOX1", (await browser.GetDocumentAsync("/Contracts/Manage/Products")).Body!.TextContent, StringComparison.Ordinal);
    }
}
