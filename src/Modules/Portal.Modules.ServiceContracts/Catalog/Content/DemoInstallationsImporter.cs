using Dapper;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using YamlDotNet.RepresentationModel;

namespace Portal.Modules.ServiceContracts.Catalog.Content;

/// <summary>The <c>installations:</c> of each organisation in content/demo/organizations.yaml
/// (the rest of that file belongs to Accounts and the contracts importer). Imported only in demo
/// mode and only while no installation exists; organisations are found by code through Accounts'
/// contract, products and versions must be in the catalog (products.yaml is imported first).</summary>
internal sealed class DemoInstallationsImporter(IDb db, IMediator mediator, TimeProvider clock) : IContentImporter
{
    /// <summary>After the demo accounts (10) and the catalog (20), before demo contracts.</summary>
    public int Order => 25;

    internal sealed record Item(long OrganisationId, long ProductId, long VersionId, string? Site, string? Serial, string? Notes);

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var path = import.PathOf("demo", "organizations.yaml");
        if (!import.Demo || !File.Exists(path)) return;
        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_installations") > 0) return;
        }
        var yaml = new YamlNodes(import, path);
        if (yaml.Load() is not YamlMappingNode root || YamlNodes.Child(root, "organizations") is not YamlSequenceNode organisations) return;

        var items = new List<Item>();
        foreach (var orgNode in organisations.OfType<YamlMappingNode>())
        {
            if (YamlNodes.Child(orgNode, "installations") is not { } installations) continue;
            var code = (YamlNodes.Child(orgNode, "code") as YamlScalarNode)?.Value?.Trim() ?? "";
            var organisation = await mediator.Send(new FindOrganisationByCode(code), ct);
            if (organisation is null)
            {
                yaml.Error(orgNode, $"organisation '{code}' not found, its installations are skipped");
                continue;
            }
            if (yaml.Sequence(installations, "installations") is not { } list) continue;
            foreach (var node in list)
            {
                if (await ReadAsync(yaml, node, organisation.Id, ct) is { } item) items.Add(item);
            }
        }
        if (items.Count == 0) return;

        var imported = await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_installations", transaction: tx) > 0) return 0;
            var now = clock.GetUtcNow();
            foreach (var item in items)
            {
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO sc_installations (organisation_id, product_id, version_id, site, serial_number, notes, created_at, updated_at, row_version)
                    VALUES (@OrganisationId, @ProductId, @VersionId, @Site, @Serial, @Notes, @Now, @Now, 1) RETURNING id
                    """, new { item.OrganisationId, item.ProductId, item.VersionId, item.Site, item.Serial, item.Notes, Now = now }, tx);
                await c.ExecuteAsync("""
                    INSERT INTO sc_installation_history (installation_id, from_version_id, to_version_id, changed_at, changed_by, changed_by_name, note)
                    VALUES (@Id, NULL, @VersionId, @Now, NULL, NULL, NULL)
                    """, new { Id = id, item.VersionId, Now = now }, tx);
            }
            return items.Count;
        }, ct);
        if (imported > 0) import.Count("demo installations", imported);
    }

    private sealed class VersionRow
    {
        public long ProductId { get; set; }
        public long VersionId { get; set; }
    }

    private async Task<Item?> ReadAsync(YamlNodes yaml, YamlNode node, long organisationId, CancellationToken ct)
    {
        var map = yaml.Mapping(node, "an installation", "product", "version", "site", "serial", "notes");
        if (map is null) return null;
        var product = yaml.Text(map, "product", "an installation");
        var versionText = yaml.Text(map, "version", "an installation");
        if (product is null || versionText is null)
        {
            yaml.Error(node, "an installation needs a product and a version");
            return null;
        }
        if (!ProductVersion.TryParse(versionText, out var version))
        {
            yaml.Error(node, $"'{versionText}' is not a version: use major.minor.patch with numbers only, e.g. 8.5.2");
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<VersionRow>("""
            SELECT p.id AS ProductId, v.id AS VersionId FROM sc_products p
            JOIN sc_product_versions v ON v.product_id = p.id AND v.major = @Major AND v.minor = @Minor AND v.patch = @Patch
            WHERE p.code = @Code
            """, new { Code = product, version.Major, version.Minor, version.Patch });
        if (row is null)
        {
            yaml.Error(node, $"{product} {version} is not in the product catalog (products.yaml)");
            return null;
        }
        return new Item(organisationId, row.ProductId, row.VersionId, yaml.Text(map, "site", "an installation"),
            yaml.Text(map, "serial", "an installation"), yaml.Text(map, "notes", "an installation"));
    }
}
