using System.Net;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

public sealed class CentrePagesTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Browse_filters_by_product_version_and_kind_pages_and_shows_public_only_to_visitors(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.2", "9.0.0");
        await kit.ProductAsync("WDS", "5.1.3");
        for (var i = 0; i < 23; i++) await kit.ReleaseAsync("KMS", "8.5.2", "tool", [1], $"tool{i}.zip");
        await kit.ReleaseAsync("KMS", "9.0.0", "manual", [1], isPublic: true);
        await kit.ReleaseAsync("WDS", "5.1.3", "patch", [1], severity: "critical");
        await kit.ReleaseAsync("WDS", "5.1.3", "media", [1], published: false);
        var (_, customer) = await kit.CustomerAsync("ACME");

        var all = await customer.GetDocumentAsync("/Downloads");
        Assert.Equal(20, all.QuerySelectorAll("[data-testid=releases] tbody tr").Length);
        Assert.Contains("25", all.QuerySelector(".pagination")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var second = await customer.GetDocumentAsync("/Downloads?p=2");
        Assert.Equal(5, second.QuerySelectorAll("[data-testid=releases] tbody tr").Length);
        var wds = await customer.GetDocumentAsync("/Downloads?product=WDS");
        Assert.Single(wds.QuerySelectorAll("[data-testid=releases] tbody tr"));
        Assert.Equal("严重", wds.QuerySelector("[data-testid=releases] .badge")!.TextContent);
        Assert.Single((await customer.GetDocumentAsync("/Downloads?product=KMS&version=9.0.0&kind=manual")).QuerySelectorAll("[data-testid=releases] tbody tr"));
        Assert.Equal(23, (await customer.GetDocumentAsync("/Downloads?product=KMS&kind=tool&p=1")).QuerySelectorAll("[data-testid=releases] tbody tr").Length + 3);
        foreach (var odd in new[] { "product=NOPE", "version=8.x", "kind=virus", "product=KMS&version=1.0.0", "p=-5&kind=patch&product=KMS" })
            Assert.NotNull((await customer.GetDocumentAsync("/Downloads?" + odd)).QuerySelector("[data-testid=empty]"));

        var visitor = await kit.App.Browser().GetDocumentAsync("/Downloads");
        Assert.Single(visitor.QuerySelectorAll("[data-testid=releases] tbody tr"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Release_page_shows_facts_files_checksums_and_safe_notes_in_the_readers_language(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.1", "8.5.2");
        var (old, _) = await kit.ReleaseAsync("KMS", "8.5.1", "patch", [1], severity: "low");
        var (release, _) = await kit.ReleaseAsync("KMS", "8.5.2", "patch", DownloadsWebKit.Bytes(2048), "补丁.zip", appliesTo: ">=8.5.0 <8.5.2", severity: "critical");
        await kit.SupersedeAsync(release, old);
        await kit.ExecuteAsync("UPDATE dl_releases SET notes_en = @En WHERE id = @release",
            new { En = "**Fixed** <script>alert(1)</script> [x](javascript:alert(1))", release });
        var organisation = await kit.App.CreateOrganisationAsync("ACME", "Acme");
        await kit.App.CreateUserAsync("en@acme.example", DownloadsWebKit.Password, PortalRoles.Customer, organisation, language: "en");
        var english = await kit.App.SignInAsync("en@acme.example", DownloadsWebKit.Password);

        var page = await english.GetDocumentAsync($"/Downloads/Release/{release}");

        Assert.Equal("KMS 8.5.2 patch", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Critical", page.QuerySelector("[data-testid=severity]")!.TextContent);
        Assert.Equal(">=8.5.0 <8.5.2", page.QuerySelector("[data-testid=applies-to]")!.TextContent);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(DownloadsWebKit.Bytes(2048))), page.QuerySelector("[data-testid=sha256]")!.TextContent);
        Assert.Contains("/Downloads/File/", page.QuerySelector("[data-testid=download]")!.GetAttribute("href"), StringComparison.Ordinal);
        var notes = page.QuerySelector("[data-testid=notes]")!;
        Assert.Equal("Fixed", notes.QuerySelector("strong")!.TextContent);
        Assert.Null(notes.QuerySelector("script"));
        Assert.Empty(notes.QuerySelectorAll("a[href^=javascript]"));
        var oldPage = await english.GetDocumentAsync($"/Downloads/Release/{old}");
        Assert.NotNull(oldPage.QuerySelector("[data-testid=superseded]"));

        Assert.Equal(HttpStatusCode.Redirect, (await kit.App.Browser().GetAsync($"/Downloads/Release/{release}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await english.GetAsync("/Downloads/Release/999999")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Updates_say_up_front_which_releases_the_contract_does_not_cover(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS", "8.5.0", "8.5.1", "9.0.0");
        var (patch, _) = await kit.ReleaseAsync("KMS", "8.5.1", "patch", [1], appliesTo: "8.5.0", severity: "moderate");
        var (major, _) = await kit.ReleaseAsync("KMS", "9.0.0", "upgrade", [1], appliesTo: ">=8.0 <9.0");
        var (organisation, customer) = await kit.CustomerAsync("ACME");
        await kit.InstallAsync(organisation, kms, "8.5.0");
        await kit.PeriodAsync(organisation, kms, DownloadsWebKit.Today.AddDays(-30), DownloadsWebKit.Today.AddDays(300));

        var page = await customer.GetDocumentAsync("/Downloads/Updates");

        string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(page.QuerySelector($"[data-release='{Id(patch)}'] [data-testid=update-refused]"));
        var refused = page.QuerySelector($"[data-release='{Id(major)}'] [data-testid=update-refused]");
        Assert.Equal("MajorUpgradeNotIncluded", refused!.GetAttribute("data-reason"));
        Assert.Contains("不包含大版本升级", refused.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Updates_list_newer_applicable_releases_per_installed_version_critical_first(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS", "8.5.0", "8.5.1", "8.5.2", "8.6.0");
        var (p1, _) = await kit.ReleaseAsync("KMS", "8.5.1", "patch", [1], appliesTo: "8.5.0", severity: "moderate");
        var (p2, _) = await kit.ReleaseAsync("KMS", "8.5.2", "patch", [1], appliesTo: ">=8.5.0 <8.5.2", severity: "critical");
        var (upgrade, _) = await kit.ReleaseAsync("KMS", "8.6.0", "upgrade", [1], appliesTo: ">=8.0 <8.6");
        await kit.ReleaseAsync("KMS", "8.6.1", "patch", [1], appliesTo: "8.6.0", severity: "low", published: false);
        await kit.SupersedeAsync(p2, p1);
        var (organisation, customer) = await kit.CustomerAsync("ACME");
        await kit.InstallAsync(organisation, kms, "8.5.0");
        await kit.InstallAsync(organisation, kms, "8.6.0");
        var (_, other) = await kit.CustomerAsync("EMPTY");

        var page = await customer.GetDocumentAsync("/Downloads/Updates");

        var sections = page.QuerySelectorAll("[data-testid=installation]");
        Assert.Equal(["8.6.0", "8.5.0"], sections.Select(s => s.GetAttribute("data-version")!));
        Assert.NotNull(sections[0].QuerySelector("[data-testid=up-to-date]"));
        Assert.Equal([p2.ToString(System.Globalization.CultureInfo.InvariantCulture), upgrade.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            sections[1].QuerySelectorAll("[data-testid=update]").Select(u => u.GetAttribute("data-release")!));
        Assert.NotNull((await other.GetDocumentAsync("/Downloads/Updates")).QuerySelector("[data-testid=no-installations]"));
        Assert.Equal(HttpStatusCode.Redirect, (await kit.App.Browser().GetAsync("/Downloads/Updates")).StatusCode);
    }
}

public sealed class FeedTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_Atom_feed_lists_published_releases_of_the_product_with_notes_of_public_ones(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.2", "9.0.0");
        await kit.ProductAsync("WDS", "5.1.3");
        var (patch, _) = await kit.ReleaseAsync("KMS", "8.5.2", "patch", [1], severity: "critical");
        var (manual, _) = await kit.ReleaseAsync("KMS", "9.0.0", "manual", [1], isPublic: true);
        await kit.ReleaseAsync("KMS", "9.0.0", "upgrade", [1], published: false);
        await kit.ReleaseAsync("WDS", "5.1.3", "tool", [1]);

        var response = await kit.App.Browser().GetAsync("/Downloads/Feed/KMS");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        var ids = entries.Select(e => e.Element(atom + "id")!.Value).ToList();
        Assert.Contains(ids, id => id.EndsWith($"/Downloads/Release/{patch}", StringComparison.Ordinal));
        Assert.Contains(ids, id => id.EndsWith($"/Downloads/Release/{manual}", StringComparison.Ordinal));
        Assert.Contains("说明", entries.Single(e => e.Element(atom + "id")!.Value.EndsWith($"/{manual}", StringComparison.Ordinal)).Element(atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("说明", entries.Single(e => e.Element(atom + "id")!.Value.EndsWith($"/{patch}", StringComparison.Ordinal)).Element(atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await kit.App.Browser().GetAsync("/Downloads/Feed/NOPE")).StatusCode);
    }
}
