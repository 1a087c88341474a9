using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using YamlDotNet.RepresentationModel;

namespace Portal.Modules.ServiceContracts.Catalog.Content;

/// <summary>content/products.yaml: the product catalog. Idempotent: a product is matched by its
/// code and a version by its number; names, the active flag and release dates are updated when they
/// changed; nothing is deleted (installations and downloads refer to versions). A product with an
/// error is reported with its line and skipped; the others still import. A code listed twice: the first
/// copy imports, each later one is an error and skipped.</summary>
internal sealed partial class ProductsImporter(IDb db, TimeProvider clock) : IContentImporter
{
    public const string FileName = "products.yaml";

    /// <summary>Before anything that refers to products (demo installations, contracts, downloads, knowledge).</summary>
    public int Order => 20;

    internal sealed record ProductItem(string Code, string NameZh, string NameEn, bool? Active, IReadOnlyList<ProductVersionInfo> Versions);

    [GeneratedRegex("^[A-Z0-9-]{1,32}$")]
    internal static partial Regex CodePattern();

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var path = import.PathOf(FileName);
        if (!File.Exists(path)) return;
        var yaml = new YamlNodes(import, path);
        var root = yaml.Load();
        if (root is null) return;
        var list = yaml.Sequence(root, "the file (a list of products)");
        if (list is null) return;

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in list)
        {
            var item = Read(yaml, node);
            if (item is null) continue;
            if (!seen.TryAdd(item.Code, YamlNodes.LineOf(node)))
            {
                yaml.Error(node, $"product {item.Code} is already listed on line {seen[item.Code]}; this copy is skipped");
                continue;
            }
            await UpsertAsync(import, item, ct);
        }
    }

    internal static ProductItem? Read(YamlNodes yaml, YamlNode node)
    {
        var before = yaml.ErrorCount;
        var map = yaml.Mapping(node, "a product", "code", "name", "active", "versions");
        if (map is null) return null;
        var code = yaml.Text(map, "code", "a product");
        if (code is null) yaml.Error(node, "a product needs a code");
        else if (!CodePattern().IsMatch(code)) yaml.Error(YamlNodes.Child(map, "code")!, $"product code '{code}' may contain only capital letters A-Z, digits and hyphens (at most 32)");

        string? zh = null, en = null;
        if (YamlNodes.Child(map, "name") is { } nameNode && yaml.Mapping(nameNode, "a product name", "zh", "en") is { } names)
        {
            zh = yaml.Text(names, "zh", "the name");
            en = yaml.Text(names, "en", "the name");
            if (zh is null || en is null) yaml.Error(nameNode, "a product name needs both zh and en");
        }
        else if (YamlNodes.Child(map, "name") is null)
        {
            yaml.Error(node, "a product needs a name: { zh: ..., en: ... }");
        }

        bool? active = null;
        if (yaml.Text(map, "active", "a product") is { } activeText)
        {
            if (bool.TryParse(activeText, out var a)) active = a;
            else yaml.Error(YamlNodes.Child(map, "active")!, $"active must be true or false, not '{activeText}'");
        }

        var versions = new List<ProductVersionInfo>();
        if (YamlNodes.Child(map, "versions") is { } versionsNode && yaml.Sequence(versionsNode, "versions") is { } list)
        {
            foreach (var v in list)
            {
                var version = ReadVersion(yaml, v);
                if (version is null) continue;
                if (versions.Any(x => x.Version == version.Version)) yaml.Error(v, $"version {version.Version} appears twice");
                else versions.Add(version);
            }
        }
        return yaml.ErrorCount == before ? new ProductItem(code!, zh!, en!, active, versions) : null;
    }

    private static ProductVersionInfo? ReadVersion(YamlNodes yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "a version", "version", "released");
        if (map is null) return null;
        var text = yaml.Text(map, "version", "a version");
        if (text is null)
        {
            yaml.Error(node, "a version needs a version number (major.minor.patch)");
            return null;
        }
        if (!ProductVersion.TryParse(text, out var version))
        {
            yaml.Error(YamlNodes.Child(map, "version")!, $"'{text}' is not a version: use major.minor.patch with numbers only, e.g. 8.5.2");
            return null;
        }
        DateOnly? released = null;
        if (yaml.Text(map, "released", "a version") is { } date)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                yaml.Error(YamlNodes.Child(map, "released")!, $"released must be a date like 2026-03-01, not '{date}'");
                return null;
            }
            released = d;
        }
        return new ProductVersionInfo(version, released);
    }

    private sealed class ExistingProduct
    {
        public long Id { get; set; }
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public bool IsActive { get; set; }
    }

    private sealed class ExistingVersion
    {
        public long Id { get; set; }
        public DateOnly? ReleasedOn { get; set; }
    }

    private Task UpsertAsync(ContentImport import, ProductItem item, CancellationToken ct) => db.WriteAsync(async (c, tx) =>
    {
        var now = clock.GetUtcNow();
        var existing = await c.QuerySingleOrDefaultAsync<ExistingProduct>(
            "SELECT id AS Id, name_zh AS NameZh, name_en AS NameEn, is_active AS IsActive FROM sc_products WHERE code = @Code", new { item.Code }, tx);
        long id;
        if (existing is null)
        {
            id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO sc_products (code, name_zh, name_en, is_active, created_at, updated_at)
                VALUES (@Code, @NameZh, @NameEn, @Active, @Now, @Now) RETURNING id
                """, new { item.Code, item.NameZh, item.NameEn, Active = item.Active ?? true, Now = now }, tx);
            import.Count("products");
        }
        else
        {
            id = existing.Id;
            var active = item.Active ?? existing.IsActive;
            if (existing.NameZh != item.NameZh || existing.NameEn != item.NameEn || existing.IsActive != active)
            {
                await c.ExecuteAsync("UPDATE sc_products SET name_zh = @NameZh, name_en = @NameEn, is_active = @Active, updated_at = @Now WHERE id = @Id",
                    new { Id = id, item.NameZh, item.NameEn, Active = active, Now = now }, tx);
                import.Count("products updated");
            }
        }
        foreach (var v in item.Versions)
        {
            var args = new { ProductId = id, v.Version.Major, v.Version.Minor, v.Version.Patch, Released = v.Released, Now = now };
            var version = await c.QuerySingleOrDefaultAsync<ExistingVersion>("""
                SELECT id AS Id, released_on AS ReleasedOn FROM sc_product_versions
                WHERE product_id = @ProductId AND major = @Major AND minor = @Minor AND patch = @Patch
                """, args, tx);
            if (version is null)
            {
                await c.ExecuteAsync("""
                    INSERT INTO sc_product_versions (product_id, major, minor, patch, released_on, created_at)
                    VALUES (@ProductId, @Major, @Minor, @Patch, @Released, @Now)
                    """, args, tx);
                import.Count("product versions");
            }
            else if (v.Released is not null && version.ReleasedOn != v.Released)
            {
                await c.ExecuteAsync("UPDATE sc_product_versions SET released_on = @Released WHERE id = @Id", new { version.Id, v.Released }, tx);
                import.Count("product versions updated");
            }
        }
    }, ct);
}
