using System.Text;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>Every endpoint the portal maps, requested as each persona, compared with the reviewed
/// authorization-matrix.txt: a new page cannot ship without someone deciding who may open it.</summary>
public sealed class AuthorizationMatrixTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_endpoint_answers_each_persona_as_the_matrix_file_says(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var web = app.WithTestHooks();
        var personas = await Personas.SignInAsync(app, web);
        var endpoints = EndpointCatalog.Discover(web.Services);
        Assert.Contains(endpoints, e => e.Route == "/healthz");

        var actual = new Dictionary<string, string>(StringComparer.Ordinal);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (!endpoint.AcceptsGet)
            {
                actual[endpoint.Route] = "methods=" + string.Join(',', endpoint.Methods.Order(StringComparer.Ordinal));
                continue;
            }
            var cells = new List<string>();
            var detail = new List<string>();
            foreach (var persona in Personas.MatrixColumns)
            {
                var outcome = await Outcome.GetAsync(personas[persona], endpoint.ProbePath);
                cells.Add($"{persona}={outcome.Class}");
                detail.Add($"{persona}: {outcome}");
            }
            actual[endpoint.Route] = string.Join(' ', cells);
            details[endpoint.Route] = $"GET {endpoint.ProbePath}: {string.Join("; ", detail)}";
        }

        if (AuthorizationMatrix.UpdateRequested)
        {
            AuthorizationMatrix.Write(AuthorizationMatrix.Format(actual));
            return;
        }

        var expected = AuthorizationMatrix.Read();
        var problems = new StringBuilder();
        foreach (var (route, outcomes) in actual)
        {
            if (!expected.TryGetValue(route, out var recorded))
                problems.AppendLine($"  {route} is not in {AuthorizationMatrix.FileName}; it gives: {outcomes}");
            else if (recorded != outcomes)
                problems.AppendLine($"  {route}: the file says `{recorded}`, the portal gives `{outcomes}` ({details.GetValueOrDefault(route)})");
        }
        foreach (var route in expected.Keys.Where(r => !actual.ContainsKey(r)))
            problems.AppendLine($"  {route} is in {AuthorizationMatrix.FileName} but the portal no longer maps it");
        Assert.True(problems.Length == 0,
            $"The authorization matrix ({provider}) differs from {AuthorizationMatrix.SourcePath}:\n{problems}{AuthorizationMatrix.HowToRegenerate}");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Protected_pages_send_anonymous_visitors_to_sign_in_with_a_return_url(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var anonymous = app.Browser();
        foreach (var endpoint in EndpointCatalog.Discover(app.Services).Where(e => e.RequiresSignIn && e.AcceptsGet))
        {
            var response = await anonymous.GetAsync(endpoint.ProbePath);
            var outcome = Outcome.Of(response);
            Assert.True(outcome.Class == Outcome.SignIn, $"Anonymous GET {endpoint.ProbePath} gave {outcome}.");
            var returnUrl = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query)["ReturnUrl"];
            Assert.Equal(endpoint.ProbePath, returnUrl);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admin_without_two_factor_is_sent_to_set_it_up(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var web = app.WithTestHooks();
        var personas = await Personas.SignInAsync(app, web);
        var withoutSecondFactor = personas[Personas.AdminWithoutSecondFactor];

        foreach (var endpoint in EndpointCatalog.Discover(web.Services).Where(e => e.RequiresAdminPolicy && e.AcceptsGet))
        {
            var outcome = await Outcome.GetAsync(withoutSecondFactor, endpoint.ProbePath);
            Assert.True(outcome.Class == Outcome.SecondFactor, $"Admin without two-factor: GET {endpoint.ProbePath} gave {outcome}.");
            Assert.Equal("/Account/TwoFactor?required=1", outcome.Location);
        }

        // The menu shows the same way forward instead of links that would bounce.
        var menu = await withoutSecondFactor.GetDocumentAsync("/");
        var adminLinks = menu.QuerySelectorAll("[aria-labelledby=nav-admin] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/Account/TwoFactor?required=1"], adminLinks);
        var fullMenu = await personas[Personas.Admin].GetDocumentAsync("/");
        Assert.DoesNotContain("/Account/TwoFactor?required=1",
            fullMenu.QuerySelectorAll("[aria-labelledby=nav-admin] a").Select(a => a.GetAttribute("href")));
    }
}
