using AngleSharp.Html.Dom;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;

namespace Portal.Modules.ServiceContracts.Tests;

/// <summary>Accounts, sessions and database reads the catalog tests need around the HTTP conversation.</summary>
internal static class CatalogTestKit
{
    public const string Password = "correct horse battery";
    public const string AuthenticatorKey = "JBSWY3DPEHPK3PXP";

    public static async Task<HttpClient> StaffAsync(this PortalWebApp app, string email = "staff@portal.example")
    {
        await app.CreateUserAsync(email, Password, PortalRoles.Staff);
        return await app.SignInAsync(email, Password);
    }

    public static async Task<HttpClient> AdminAsync(this PortalWebApp app, string email = "admin@portal.example")
    {
        await app.CreateUserAsync(email, Password, PortalRoles.Admin, authenticatorKey: AuthenticatorKey);
        return await app.SignInAsync(email, Password, AuthenticatorKey);
    }

    /// <summary>An organisation with one signed-in customer.</summary>
    public static async Task<(long Organisation, HttpClient Browser)> CustomerAsync(this PortalWebApp app, string code, string email)
    {
        var organisation = await app.CreateOrganisationAsync(code, code + " Ltd");
        await app.CreateUserAsync(email, Password, PortalRoles.Customer, organisation);
        return (organisation, await app.SignInAsync(email, Password));
    }

    public static async Task<T> ScalarAsync<T>(this PortalWebApp app, string sql, object? args = null)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static async Task<long> VersionIdAsync(this PortalWebApp app, string code, int major, int minor, int patch) =>
        await app.ScalarAsync<long>("""
            SELECT v.id FROM sc_product_versions v JOIN sc_products p ON p.id = v.product_id
            WHERE p.code = @code AND v.major = @major AND v.minor = @minor AND v.patch = @patch
            """, new { code, major, minor, patch });

    /// <summary>Inserts an installation directly (with its first history row) and returns its id.</summary>
    public static Task<long> InstallAsync(this PortalWebApp app, long organisation, long versionId, string? site = null) =>
        app.Services.GetRequiredService<IDb>().WriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO sc_installations (organisation_id, product_id, version_id, site, created_at, updated_at, row_version)
                SELECT @organisation, product_id, id, @site, @Now, @Now, 1 FROM sc_product_versions WHERE id = @versionId
                RETURNING id
                """, new { organisation, versionId, site, Now = DateTimeOffset.UtcNow }, tx);
            await c.ExecuteAsync("""
                INSERT INTO sc_installation_history (installation_id, from_version_id, to_version_id, changed_at)
                VALUES (@id, NULL, @versionId, @Now)
                """, new { id, versionId, Now = DateTimeOffset.UtcNow }, tx);
            return id;
        });

    public static async Task<string> TextAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    public static string? TestId(this IHtmlDocument document, string id) => document.QuerySelector($"[data-testid={id}]")?.TextContent.Trim();

    public static bool Has(this IHtmlDocument document, string id) => document.QuerySelector($"[data-testid={id}]") is not null;
}
