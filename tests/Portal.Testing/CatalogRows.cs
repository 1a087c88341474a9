using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Testing;

/// <summary>Catalog rows inserted directly, for the tests of modules that only need a product, its
/// versions and an installation to exist (the catalog's own slices are tested in ServiceContracts).</summary>
public static class CatalogRows
{
    public static Task<long> ProductAsync(IDb db, string code, params string[] versions) => db.WriteAsync(async (c, tx) =>
    {
        var id = await c.ExecuteScalarAsync<long>("""
            INSERT INTO sc_products (code, name_zh, name_en, is_active, created_at, updated_at)
            VALUES (@code, @code, @code, @Active, @Now, @Now) RETURNING id
            """, new { code, Active = true, Now = DateTimeOffset.UtcNow }, tx);
        foreach (var v in versions.Select(ProductVersion.Parse))
        {
            await c.ExecuteAsync("INSERT INTO sc_product_versions (product_id, major, minor, patch, created_at) VALUES (@id, @Major, @Minor, @Patch, @Now)",
                new { id, v.Major, v.Minor, v.Patch, Now = DateTimeOffset.UtcNow }, tx);
        }
        return id;
    });

    public static Task InstallAsync(IDb db, long organisation, long product, string version)
    {
        var v = ProductVersion.Parse(version);
        return db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sc_installations (organisation_id, product_id, version_id, created_at, updated_at)
            SELECT @organisation, @product, id, @Now, @Now FROM sc_product_versions WHERE product_id = @product AND major = @Major AND minor = @Minor AND patch = @Patch
            """, new { organisation, product, v.Major, v.Minor, v.Patch, Now = DateTimeOffset.UtcNow }, tx));
    }
}
