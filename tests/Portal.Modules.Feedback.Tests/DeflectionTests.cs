using System.Globalization;
using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>Knowledge suggestions on the new-request form (deflection), their counting and the staff report.</summary>
public sealed class DeflectionTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheContractSuggestsOnlyPublishedArticlesTheUserMayReadAndNeverFailsOnAnyInput(string provider)
    {
        await using var kit = await StartWithArticlesAsync(provider);
        var acme = await kit.App.CreateOrganisationAsync("ACME", "Acme");
        using var scope = kit.App.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        async Task<List<string>> Slugs(ClaimsPrincipal user, string text) =>
            [.. (await mediator.Send(new SuggestArticles(user, text))).Select(a => a.Url.Split('/')[^1])];

        var customer = Principal(PortalRoles.Customer, acme);
        Assert.Equal(["gateway-timeout-customers", "gateway-timeout-public"], (await Slugs(customer, "Gateway timeout")).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("gateway-timeout-internal", await Slugs(customer, "gateway timeout internal workaround"));
        Assert.DoesNotContain("gateway-timeout-draft", await Slugs(customer, "gateway timeout draft"));
        Assert.Equal(["gateway-timeout-public"], await Slugs(new ClaimsPrincipal(new ClaimsIdentity()), "Gateway timeout"));
        Assert.Contains("gateway-timeout-internal", await Slugs(Principal(PortalRoles.Staff, null), "gateway timeout internal workaround"));
        Assert.Equal(["gateway-zh"], await Slugs(customer, "网关超时怎么办"));

        var first = (await mediator.Send(new SuggestArticles(customer, "gateway timeout"))).First();
        Assert.Contains("<mark>", first.SnippetHtml, StringComparison.Ordinal);
        Assert.Empty(await Slugs(customer, ""));
        Assert.Empty(await Slugs(customer, "  ga "));
        Assert.Single(await mediator.Send(new SuggestArticles(customer, "gateway timeout", Max: 1)));
        foreach (var bad in new[]
                 {
                     "\"gateway", "gateway\"*^", "title:gateway OR", "-(gateway", "NEAR(gateway timeout)", "{title}: gateway", "*** ::: ---",
                     "AND OR NOT", "gateway\0timeout", "type:internal gateway", "product:X lang:zh gateway", new string('网', 400), "'; DROP TABLE docs; --",
                 })
        {
            var suggested = await Slugs(customer, bad);
            Assert.DoesNotContain("gateway-timeout-internal", suggested);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SuggestionsAppearForAMatchingTitleWithAndWithoutJavaScript(string provider)
    {
        await using var kit = await StartWithArticlesAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");

        var form = await customer.GetDocumentAsync("/Feedback/New");
        var session = Session(form);
        var box = form.QuerySelector("#deflection")!;
        Assert.Equal("polite", box.GetAttribute("aria-live"));
        Assert.Null(box.QuerySelector("[data-testid=suggestions]"));
        Assert.NotNull(form.QuerySelector("script[src*='/Portal.Modules.Feedback/js/feedback-deflection.']"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_deflection WHERE shown_at IS NOT NULL"));

        var list = await SuggestionsAsync(customer, box.GetAttribute("data-deflection-url")!, "Gateway timeout after upgrade");
        var links = list.QuerySelectorAll("[data-testid=suggestions] a[data-testid=suggestion]");
        Assert.Equal(2, links.Length);
        Assert.Equal("以下文章或许能解答您的问题", list.QuerySelector("[data-testid=suggestions] h2")!.TextContent.Trim());
        Assert.All(links, a =>
        {
            Assert.Equal("_blank", a.GetAttribute("target"));
            Assert.StartsWith($"/Feedback/Suggested/{session}/", a.GetAttribute("href"), StringComparison.Ordinal);
        });
        Assert.Contains("to=%2FKnowledge%2FArticles%2Fen%2Fgateway-timeout-public", links[0].GetAttribute("href") + links[1].GetAttribute("href"), StringComparison.Ordinal);
        Assert.DoesNotContain("internal", list.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_deflection WHERE shown_at IS NOT NULL"));

        Assert.Empty((await SuggestionsAsync(customer, box.GetAttribute("data-deflection-url")!, "ga")).QuerySelectorAll("[data-testid=suggestion]"));
        Assert.Empty((await SuggestionsAsync(customer, box.GetAttribute("data-deflection-url")!, "printer toner")).QuerySelectorAll("[data-testid=suggestion]"));

        // Without JavaScript: "Preview" shows the same list, in the same session.
        var fields = FeedbackWebKit.Problem("KMS-ACME", "gateway timeout");
        fields["DeflectionSession"] = session;
        fields["preview"] = "1";
        var preview = await ParseAsync(await FeedbackWebKit.SubmitAsync(customer, fields));
        Assert.Equal(2, preview.QuerySelectorAll("[data-testid=suggestions] [data-testid=suggestion]").Length);
        Assert.Equal(session, Session(preview));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OpeningASuggestionAndLeavingIsDeflectedOpeningThenSubmittingIsNot(string provider)
    {
        await using var kit = await StartWithArticlesAsync(provider);
        var (acme, customer) = await kit.CustomerAsync("ACME");
        var colleague = await kit.ContactAsync(acme, "colleague@acme.example");
        var staff = await kit.StaffAsync();
        Assert.NotNull((await staff.GetDocumentAsync("/Feedback/Manage/Deflection")).QuerySelector("[data-testid=empty]"));

        // Session 1: reads an article and leaves.
        var (left, leftLink) = await OpenFormAndSuggestAsync(customer);
        var opened = await customer.GetAsync(leftLink);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Matches("^/Knowledge/Articles/en/gateway-timeout-(public|customers)$", opened.Headers.Location!.OriginalString);

        // Session 2: reads an article, then submits anyway.
        var (submitted, submittedLink) = await OpenFormAndSuggestAsync(customer);
        await customer.GetAsync(submittedLink);
        await customer.GetAsync(submittedLink);
        var fields = FeedbackWebKit.Problem("KMS-ACME", "Gateway timeout");
        fields["DeflectionSession"] = submitted;
        var requestId = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, fields));
        Assert.Equal(requestId, await kit.ScalarAsync<long>("SELECT request_id FROM fb_deflection WHERE session_id = @submitted", new { submitted }));

        // Another user's session id changes nothing: neither an opening nor a submission is recorded on it.
        var (_, colleagueLink) = await OpenFormAndSuggestAsync(colleague);
        var foreign = colleagueLink.Replace(colleagueLink.Split('/')[3], left, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.GetAsync(foreign)).StatusCode);
        var foreignFields = FeedbackWebKit.Problem("KMS-ACME", "Gateway timeout");
        foreignFields["DeflectionSession"] = left;
        FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(colleague, foreignFields));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT opened_count FROM fb_deflection WHERE session_id = @left", new { left }));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_deflection WHERE session_id = @left AND submitted_at IS NOT NULL", new { left }));

        // Within the hour after opening, nobody is counted as deflected yet.
        var report = await staff.GetDocumentAsync("/Feedback/Manage/Deflection");
        var month = ThisMonth();
        var row = report.QuerySelector($"[data-testid=deflection] tr[data-month='{month}']")!;
        Assert.Equal("3", row.QuerySelector("[data-testid=shown]")!.TextContent);
        Assert.Equal("3", row.QuerySelector("[data-testid=opened]")!.TextContent);
        Assert.Equal("0", row.QuerySelector("[data-testid=deflected]")!.TextContent);

        // An hour and more later: only the session left without submitting is deflected, 1 of 3.
        await kit.ExecuteAsync("UPDATE fb_deflection SET opened_at = @Earlier WHERE opened_at IS NOT NULL", new { Earlier = DateTimeOffset.UtcNow.AddMinutes(-61) });
        report = await staff.GetDocumentAsync("/Feedback/Manage/Deflection");
        row = report.QuerySelector($"[data-testid=deflection] tr[data-month='{month}']")!;
        Assert.Equal("1", row.QuerySelector("[data-testid=deflected]")!.TextContent);
        Assert.Equal(33.3.ToString("F1", CultureInfo.GetCultureInfo("zh-CN")) + "%", row.QuerySelector("[data-testid=rate]")!.TextContent.Trim());
        Assert.Equal(12, report.QuerySelectorAll("[data-testid=deflection] tbody tr").Length);
        Assert.Equal(month, report.QuerySelector("[data-testid=deflection] tbody tr")!.GetAttribute("data-month"));
        Assert.Contains("一小时", report.QuerySelector("[data-testid=explanation]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheRecordingRedirectLeadsOnlyToAKnowledgeArticle(string provider)
    {
        await using var kit = await StartWithArticlesAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var (session, link) = await OpenFormAndSuggestAsync(customer);
        var prefix = $"/Feedback/Suggested/{session}/1?to=";
        foreach (var target in new[]
                 {
                     "https://evil.example/", "//evil.example/Knowledge/Articles/en/x", "/\\evil.example", "https:/evil.example", "javascript:alert(1)",
                     "/Knowledge/Articles/en/../../Account/SignOut", "/Knowledge/Articles/en/x?next=https://evil.example", "/Feedback/Index",
                     "/Knowledge/Articles/en/gateway-timeout-public/..", " /Knowledge/Articles/en/gateway-timeout-public", "",
                 })
        {
            var response = await customer.GetAsync(prefix + Uri.EscapeDataString(target));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{target}: {(int)response.StatusCode}");
            Assert.Null(response.Headers.Location);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Feedback/Suggested/{session}/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(link.Replace("/1?", "/0?", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_deflection WHERE opened_at IS NOT NULL"));
        Assert.Equal(HttpStatusCode.Redirect, (await customer.GetAsync(link)).StatusCode);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_deflection WHERE opened_at IS NOT NULL"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyStaffSeeTheReportAndOnlyCustomersGetSuggestions(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var staff = await kit.StaffAsync();
        var anonymous = kit.App.Browser();
        var session = Guid.NewGuid().ToString("D");
        var article = $"/Feedback/Suggested/{session}/1?to=%2FKnowledge%2FArticles%2Fen%2Fgateway-timeout-public";

        Assert.Equal(HttpStatusCode.Forbidden, Forbidden(await customer.GetAsync("/Feedback/Manage/Deflection")));
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/Feedback/Manage/Deflection")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Feedback/Manage/Deflection")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, Forbidden(await staff.GetAsync($"/Feedback/New?handler=Suggestions&session={session}&q=gateway")));
        Assert.Equal(HttpStatusCode.Forbidden, Forbidden(await staff.GetAsync(article)));
        Assert.Contains("/Account/SignIn", (await anonymous.GetAsync(article)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/Account/SignIn", (await anonymous.GetAsync($"/Feedback/New?handler=Suggestions&q=gateway")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await customer.GetAsync(article)).StatusCode);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_deflection WHERE opened_at IS NOT NULL"));
    }

    // --- helpers ---

    private const string EnglishBody = "Restart the gateway service, then check the timeout setting.";

    private static readonly (string Lang, string Slug, string Title, string Body, string Visibility, string Status)[] Articles =
    [
        ("en", "gateway-timeout-public", "Gateway timeout after an upgrade", EnglishBody, "public", "published"),
        ("en", "gateway-timeout-customers", "Gateway timeout: checklist for customers", EnglishBody, "customers", "published"),
        ("en", "gateway-timeout-internal", "Gateway timeout internal workaround", EnglishBody, "internal", "published"),
        ("en", "gateway-timeout-draft", "Gateway timeout draft", EnglishBody, "public", "draft"),
        ("zh", "gateway-zh", "网关超时排查", "重启网关服务，然后检查超时设置。", "customers", "published"),
    ];

    /// <summary>The portal with knowledge articles on a gateway timeout, one per visibility plus a
    /// draft, written to Knowledge's tables and indexed.</summary>
    private static async Task<FeedbackWebKit> StartWithArticlesAsync(string provider)
    {
        var kit = await FeedbackWebKit.StartAsync(provider);
        var now = DateTimeOffset.UtcNow;
        foreach (var a in Articles)
        {
            await kit.ExecuteAsync("""
                UPDATE kb_change_sequence SET value = value + 1 WHERE id = 1;
                INSERT INTO kb_articles (lang, slug, type, title, body, category, products, versions, tags, visibility, status, change_seq,
                    created_at, updated_at, published_at)
                VALUES (@Lang, @Slug, 'article', @Title, @Body, 'network', '', NULL, '', @Visibility, @Status,
                    (SELECT value FROM kb_change_sequence WHERE id = 1), @Now, @Now, @Now)
                """, new { a.Lang, a.Slug, a.Title, a.Body, a.Visibility, a.Status, Now = now });
        }
        var indexer = kit.App.Services.GetRequiredService<ISearchIndexer>();
        foreach (var a in Articles) indexer.Changed($"kb:{a.Lang}:{a.Slug}");
        // Indexed when staff (who see every visibility) find the three published English articles and the Chinese one.
        using var scope = kit.App.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await mediator.Send(new SuggestArticles(Principal(PortalRoles.Staff, null), "gateway timeout 网关超时", 10))).Count < 4)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The articles were not indexed.");
            await Task.Delay(50);
        }
        return kit;
    }

    private static ClaimsPrincipal Principal(string role, long? organisation)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "99"), new(ClaimTypes.Role, role) };
        if (organisation is { } org) claims.Add(new Claim(PortalClaims.OrganisationId, org.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static string Session(IHtmlDocument form) => form.QuerySelector("input[name=DeflectionSession]")!.GetAttribute("value")!;

    private static async Task<IHtmlDocument> SuggestionsAsync(HttpClient browser, string url, string q)
    {
        var response = await browser.GetAsync(url + "&q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    /// <summary>Loads the form, types a matching title; the session and the first suggestion's link.</summary>
    private static async Task<(string Session, string Link)> OpenFormAndSuggestAsync(HttpClient browser)
    {
        var form = await browser.GetDocumentAsync("/Feedback/New");
        var list = await SuggestionsAsync(browser, form.QuerySelector("#deflection")!.GetAttribute("data-deflection-url")!, "gateway timeout");
        return (Session(form), list.QuerySelector("[data-testid=suggestion]")!.GetAttribute("href")!);
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private static HttpStatusCode Forbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Error/403", StringComparison.Ordinal)
            ? HttpStatusCode.Forbidden : response.StatusCode;

    private static string ThisMonth() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
