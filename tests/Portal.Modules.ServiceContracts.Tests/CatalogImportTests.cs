using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Content;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class CatalogImportTests
{
    private static string ContentFolder => Path.Combine(RepositoryPaths.Root, "content");

    private static async Task<ContentImport> ImportAsync(PortalWebApp app, string folder, bool demo = false) =>
        await app.Services.GetRequiredService<ContentImporter>().ImportAsync(folder, demo);

    private static async Task<T> SendAsync<T>(PortalWebApp app, IRequest<T> request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_shipped_catalog_is_imported_at_first_start_and_importing_again_changes_nothing(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);

        var products = await SendAsync(app, new ListProducts());
        Assert.Equal(["AFC", "KMS", "WDS"], products.Select(p => p.Code));
        var kms = await SendAsync(app, new GetProduct("kms"));
        Assert.NotNull(kms);
        Assert.Equal("知识管理系统", kms.NameZh);
        Assert.Equal("Knowledge Management System", kms.NameEn);
        Assert.Equal(["7.2.0", "8.0.0", "8.5.0", "8.5.1", "8.5.2", "8.6.0", "9.0.0"], kms.Versions.Select(v => v.Version.ToString()));
        Assert.All(kms.Versions, v => Assert.NotNull(v.Released));
        Assert.Equal(16, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_product_versions"));

        var again = await ImportAsync(app, ContentFolder);
        Assert.DoesNotContain(again.Errors, e => e.StartsWith("products.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(again.Counts.Keys, k => k.Contains("product", StringComparison.Ordinal));
        Assert.Equal(3, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_products"));
        Assert.Equal(16, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_product_versions"));
        Assert.Null(await SendAsync(app, new GetProduct("NOPE")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_file_updates_names_and_dates_adds_versions_and_deletes_nothing(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var folder = TempFolder("""
            - code: KMS
              name: { zh: 知识管理平台, en: Knowledge Management Platform }
              active: false
              versions:
                - { version: 8.5.2, released: 2025-11-04 }
                - { version: 10.0.0 }
            """);

        var import = await ImportAsync(app, folder);

        Assert.Empty(import.Errors);
        var kms = (await SendAsync(app, new GetProduct("KMS")))!;
        Assert.Equal("知识管理平台", kms.NameZh);
        Assert.False(kms.IsActive);
        Assert.Equal(8, kms.Versions.Count);
        Assert.Equal(new DateOnly(2025, 11, 4), kms.Versions.Single(v => v.Version == new ProductVersion(8, 5, 2)).Released);
        Assert.Equal(new ProductVersion(10, 0, 0), kms.Versions[^1].Version);
        Assert.DoesNotContain(await SendAsync(app, new ListProducts()), p => p.Code == "KMS");
        Assert.Contains(await SendAsync(app, new ListProducts(IncludeInactive: true)), p => p.Code == "KMS");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Errors_name_the_file_and_line_and_the_valid_products_still_import(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var folder = TempFolder("""
            - code: GOOD
              name: { zh: 好产品, en: Good product }
              versions:
                - { version: 1.0.0, released: 2026-01-05 }
            - code: BAD
              name: { zh: 坏版本, en: Bad version }
              versions:
                - { version: 1.0 }
            - code: lower case
              name: { zh: 小写, en: Lower }
            - code: KEYS
              name: { zh: 多余, en: Extra }
              colour: red
            - code: DATE
              name: { zh: 日期, en: Date }
              versions:
                - { version: 2.0.0, released: 2026-13-01 }
            - code: NONAME
            - code: GOOD
              name: { zh: 重复, en: Duplicate }
            """);

        var import = await ImportAsync(app, folder);

        Assert.Equal(
            [
                "products.yaml:8: '1.0' is not a version: use major.minor.patch with numbers only, e.g. 8.5.2",
                "products.yaml:9: product code 'lower case' may contain only capital letters A-Z, digits and hyphens (at most 32)",
                "products.yaml:13: unknown key 'colour' in a product (allowed: code, name, active, versions)",
                "products.yaml:17: released must be a date like 2026-03-01, not '2026-13-01'",
                "products.yaml:18: a product needs a name: { zh: ..., en: ... }",
                "products.yaml:19: product GOOD is already listed on line 1; this copy is skipped",
            ],
            import.Errors);
        Assert.Equal(["AFC", "GOOD", "KMS", "WDS"], (await SendAsync(app, new ListProducts())).Select(p => p.Code));
        Assert.Equal("好产品", (await SendAsync(app, new GetProduct("GOOD")))!.NameZh);

        var broken = await ImportAsync(app, TempFolder("- code: X\n  name: { zh: a, en: b\n"));
        Assert.Single(broken.Errors);
        Assert.Matches(@"^products\.yaml:\d+: ", broken.Errors[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_installations_are_imported_in_demo_mode_into_an_empty_installed_base_only(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installations"));

        var import = await ImportAsync(app, ContentFolder, demo: true);

        Assert.DoesNotContain(import.Errors, e => e.StartsWith("demo/", StringComparison.Ordinal));
        Assert.Equal(6, import.Counts["demo installations"]);
        var hz = await app.ScalarAsync<long>("SELECT id FROM acc_organisations WHERE code = 'HZ-WATER'");
        var installed = await SendAsync(app, new ListInstallations(hz));
        Assert.Equal(["KMS 8.5.2", "WDS 5.1.3"], installed.Select(i => $"{i.ProductCode} {i.Version}"));
        Assert.All(installed, i => Assert.False(string.IsNullOrEmpty(i.SerialNumber)));
        foreach (var (code, expected) in new[] { ("NC-METRO", "AFC 3.2.1,KMS 8.0.0"), ("SZ-POWER", "KMS 8.5.1"), ("BJ-HOSP", "KMS 7.2.0") })
        {
            var id = await app.ScalarAsync<long>("SELECT id FROM acc_organisations WHERE code = @code", new { code });
            Assert.Equal(expected, string.Join(',', (await SendAsync(app, new ListInstallations(id))).Select(i => $"{i.ProductCode} {i.Version}")));
        }
        Assert.Equal(6, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installation_history WHERE from_version_id IS NULL"));

        var again = await ImportAsync(app, ContentFolder, demo: true);
        Assert.False(again.Counts.ContainsKey("demo installations"));
        Assert.Equal(6, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installations"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_installations_report_unknown_products_versions_and_keys_with_their_line(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        await app.CreateOrganisationAsync("ACME", "Acme");
        await app.CreateUserAsync("staff@portal.example", CatalogTestKit.Password, Portal.Modules.Core.Security.PortalRoles.Staff); // the demo accounts importer skips
        var folder = TempFolder(null, """
            organizations:
              - code: ACME
                installations:
                  - { product: KMS, version: 8.5.2 }
                  - { product: KMS, version: 8.5.9 }
                  - { product: XYZ, version: 1.0.0 }
                  - { product: KMS, version: 8.5 }
                  - { product: KMS, version: 8.6.0, colour: red }
              - code: NOWHERE
                installations:
                  - { product: KMS, version: 8.5.2 }
            """);

        var import = await ImportAsync(app, folder, demo: true);
        var notDemo = await ImportAsync(app, folder, demo: false);

        Assert.Equal(
            [
                "demo/organizations.yaml:5: KMS 8.5.9 is not in the product catalog (products.yaml)",
                "demo/organizations.yaml:6: XYZ 1.0.0 is not in the product catalog (products.yaml)",
                "demo/organizations.yaml:7: '8.5' is not a version: use major.minor.patch with numbers only, e.g. 8.5.2",
                "demo/organizations.yaml:8: unknown key 'colour' in an installation (allowed: product, version, site, serial, notes)",
                "demo/organizations.yaml:9: organisation 'NOWHERE' not found, its installations are skipped",
            ],
            import.Errors.Where(e => e.StartsWith("demo/", StringComparison.Ordinal)));
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM sc_installations"));
        Assert.Empty(notDemo.Errors);
    }

    private static string TempFolder(string? products, string? organisations = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "demo"));
        if (products is not null) File.WriteAllText(Path.Combine(folder, "products.yaml"), products);
        if (organisations is not null) File.WriteAllText(Path.Combine(folder, "demo", "organizations.yaml"), organisations);
        return folder;
    }
}
