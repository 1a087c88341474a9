using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

public sealed class AntiforgeryTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_post_without_the_token_is_rejected_and_changes_nothing(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var org = await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("c@acme.example", Password, PortalRoles.Customer, org);
        var auditRowsBefore = await AuditRowsAsync(app);

        // Sign-in with the right password but no token: no session, no audit entry.
        var stranger = app.Browser();
        await stranger.GetAsync("/Account/SignIn"); // the antiforgery cookie is there, the form field is not
        var signIn = await stranger.PostAsync("/Account/SignIn", Form(("Input.Email", "c@acme.example"), ("Input.Password", Password)));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.DoesNotContain("portal.auth", string.Join(';', SetCookies(signIn)), StringComparison.Ordinal);
        var home = await stranger.GetDocumentAsync("/");
        Assert.Null(home.QuerySelector("[data-testid=account-menu]"));
        Assert.Equal(auditRowsBefore, await AuditRowsAsync(app));

        // A signed-in user's language change without a token: neither cookie nor profile changes.
        var customer = await app.SignInAsync("c@acme.example", Password);
        var change = await customer.PostAsync("/Account/Language", Form(("culture", "en"), ("returnUrl", "/")));
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.DoesNotContain(SetCookies(change), c => c.StartsWith(Language.CookieName, StringComparison.Ordinal));
        Assert.Contains("请求无效", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("zh-CN", await LanguageTests.PreferredLanguageAsync(app, "c@acme.example"));
        await LanguageTests.AssertChineseAsync(customer);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_post_form_on_every_page_carries_the_token(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var web = app.WithTestHooks();
        var personas = await Personas.SignInAsync(app, web);
        var formsSeen = 0;
        foreach (var endpoint in EndpointCatalog.Discover(web.Services).Where(e => e.AcceptsGet))
        foreach (var persona in Personas.MatrixColumns)
        {
            using var response = await personas[persona].GetAsync(endpoint.ProbePath);
            if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var form in document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
            {
                formsSeen++;
                Assert.True(form.QuerySelector("input[name=__RequestVerificationToken]") is not null,
                    $"{persona} GET {endpoint.ProbePath}: the form posting to {form.GetAttribute("action") ?? "the page"} has no antiforgery token, so it can only fail with 400.");
            }
        }
        Assert.True(formsSeen > 0);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static async Task<long> AuditRowsAsync(PortalWebApp app)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM acc_audit_log");
    }
}
