using System.Data.Common;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Web.Paging;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>Reads and writes installations for the installation use cases. Every method takes the
/// organisation the caller is limited to (<see cref="InstallationAccess.OrganisationId"/>: the
/// customer's own), or null for staff, who may act on any organisation. An id outside it is
/// "not found".</summary>
internal sealed class InstallationStore(IDb db, TimeProvider clock)
{
    public const string VersionField = "Input.VersionId";

    /// <summary>A page of the current installations, optionally of one organisation and of the
    /// product with exactly this code (an unknown code matches nothing).</summary>
    public async Task<PagedList<InstallationRow>> ListAsync(long? organisationId, string? productCode, int page, CancellationToken ct)
    {
        var where = "WHERE i.removed_at IS NULL"
            + (organisationId is null ? "" : " AND i.organisation_id = @OrganisationId")
            + (string.IsNullOrEmpty(productCode) ? "" : " AND p.code = @ProductCode");
        var args = new { OrganisationId = organisationId, ProductCode = productCode, Take = PagedList<InstallationRow>.DefaultPageSize, Skip = PagedList<InstallationRow>.Offset(page, PagedList<InstallationRow>.DefaultPageSize) };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM sc_installations i JOIN sc_products p ON p.id = i.product_id {where}", args);
        var rows = await c.QueryAsync<InstallationRow>($"""
            {InstallationRow.Select}
            {where}
            ORDER BY i.organisation_id, p.code, v.major, v.minor, v.patch, i.id
            LIMIT @Take OFFSET @Skip
            """, args);
        return new PagedList<InstallationRow>([.. rows], PagedList<InstallationRow>.Normalize(page), PagedList<InstallationRow>.DefaultPageSize, total);
    }

    public async Task<InstallationRow?> GetAsync(long id, long? organisationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await GetAsync(c, null, id, organisationId);
    }

    private static Task<InstallationRow?> GetAsync(DbConnection c, DbTransaction? tx, long id, long? organisationId) =>
        c.QuerySingleOrDefaultAsync<InstallationRow?>(
            $"{InstallationRow.Select} WHERE i.id = @Id AND i.removed_at IS NULL" + (organisationId is null ? "" : " AND i.organisation_id = @OrganisationId"),
            new { Id = id, OrganisationId = organisationId }, tx);

    /// <summary>The versions of active products, plus every version of <paramref name="productId"/>
    /// (an installation being edited keeps its product even when that was deactivated).</summary>
    public async Task<IReadOnlyList<VersionChoice>> ChoicesAsync(long? productId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<VersionChoice>("""
            SELECT v.id AS Id, p.id AS ProductId, p.code AS ProductCode, p.name_zh AS ProductNameZh, p.name_en AS ProductNameEn,
                   v.major AS Major, v.minor AS Minor, v.patch AS Patch, v.released_on AS ReleasedOn
            FROM sc_product_versions v JOIN sc_products p ON p.id = v.product_id
            WHERE
            """ + (productId is null ? " p.is_active = @True" : " p.id = @ProductId")
            + " ORDER BY p.code, v.major DESC, v.minor DESC, v.patch DESC", new { True = true, ProductId = productId });
        return [.. rows];
    }

    public async Task<IReadOnlyList<InstallationChange>> HistoryAsync(long installationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<InstallationChange>("""
            SELECT h.changed_at AS ChangedAt,
                   CASE WHEN f.id IS NULL THEN NULL ELSE f.major || '.' || f.minor || '.' || f.patch END AS FromVersion,
                   t.major || '.' || t.minor || '.' || t.patch AS ToVersion,
                   h.changed_by_name AS ChangedByName, h.note AS Note
            FROM sc_installation_history h
            JOIN sc_product_versions t ON t.id = h.to_version_id
            LEFT JOIN sc_product_versions f ON f.id = h.from_version_id
            WHERE h.installation_id = @installationId
            ORDER BY h.changed_at DESC, h.id DESC
            """, new { installationId });
        return [.. rows];
    }

    private sealed class VersionOfProduct
    {
        public long ProductId { get; set; }
        public bool IsActive { get; set; }
    }

    public async Task<CatalogResult> AddAsync(long organisationId, InstallationInput input, Actor actor, CancellationToken ct) =>
        await db.WriteAsync(async (c, tx) =>
        {
            var version = await c.QuerySingleOrDefaultAsync<VersionOfProduct>("""
                SELECT p.id AS ProductId, p.is_active AS IsActive FROM sc_product_versions v JOIN sc_products p ON p.id = v.product_id WHERE v.id = @Id
                """, new { Id = input.VersionId }, tx);
            if (version is not { IsActive: true }) return CatalogResult.Invalid(VersionField, "Choose the product and version.");
            var now = clock.GetUtcNow();
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO sc_installations (organisation_id, product_id, version_id, site, serial_number, notes, created_at, updated_at, row_version)
                VALUES (@OrganisationId, @ProductId, @VersionId, @Site, @Serial, @Notes, @Now, @Now, 1) RETURNING id
                """, new
            {
                OrganisationId = organisationId, version.ProductId, input.VersionId, Site = InstallationInput.Clean(input.Site),
                Serial = InstallationInput.Clean(input.SerialNumber), Notes = InstallationInput.Clean(input.Notes), Now = now,
            }, tx);
            await RecordAsync(c, tx, id, null, input.VersionId!.Value, actor, now);
            return CatalogResult.Done;
        }, ct);

    /// <summary>Saves the form if nobody else saved the installation since it was loaded
    /// (<see cref="InstallationInput.RowVersion"/>); a version change is added to the history.</summary>
    public async Task<CatalogResult> UpdateAsync(long id, long? organisationId, InstallationInput input, Actor actor, CancellationToken ct) =>
        await db.WriteAsync(async (c, tx) =>
        {
            var current = await GetAsync(c, tx, id, organisationId);
            if (current is null) return CatalogResult.NotFound;
            if (current.RowVersion != input.RowVersion) return CatalogResult.Conflict;
            var sameProduct = await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM sc_product_versions WHERE id = @VersionId AND product_id = @ProductId",
                new { input.VersionId, current.ProductId }, tx);
            if (sameProduct == 0) return CatalogResult.Invalid(VersionField, "Choose a version of {0}.", current.ProductCode);
            var now = clock.GetUtcNow();
            var rows = await c.ExecuteAsync("""
                UPDATE sc_installations SET version_id = @VersionId, site = @Site, serial_number = @Serial, notes = @Notes,
                       updated_at = @Now, row_version = row_version + 1
                WHERE id = @Id AND row_version = @RowVersion AND removed_at IS NULL
                """, new
            {
                Id = id, input.VersionId, Site = InstallationInput.Clean(input.Site), Serial = InstallationInput.Clean(input.SerialNumber),
                Notes = InstallationInput.Clean(input.Notes), Now = now, input.RowVersion,
            }, tx);
            if (rows == 0) return CatalogResult.Conflict;
            if (current.VersionId != input.VersionId) await RecordAsync(c, tx, id, current.VersionId, input.VersionId!.Value, actor, now);
            return CatalogResult.Done;
        }, ct);

    /// <summary>Removes the installation from the organisation's list; the row and its history are kept.</summary>
    public async Task<CatalogResult> RemoveAsync(long id, long? organisationId, int rowVersion, Actor actor, CancellationToken ct) =>
        await db.WriteAsync(async (c, tx) =>
        {
            var current = await GetAsync(c, tx, id, organisationId);
            if (current is null) return CatalogResult.NotFound;
            var rows = await c.ExecuteAsync("""
                UPDATE sc_installations SET removed_at = @Now, removed_by = @By, updated_at = @Now, row_version = row_version + 1
                WHERE id = @Id AND row_version = @RowVersion AND removed_at IS NULL
                """, new { Id = id, Now = clock.GetUtcNow(), By = actor.UserId, RowVersion = rowVersion }, tx);
            return rows == 0 ? CatalogResult.Conflict : CatalogResult.Done;
        }, ct);

    private static Task RecordAsync(DbConnection c, DbTransaction tx, long installationId, long? from, long to, Actor actor, DateTimeOffset now) =>
        c.ExecuteAsync("""
            INSERT INTO sc_installation_history (installation_id, from_version_id, to_version_id, changed_at, changed_by, changed_by_name)
            VALUES (@installationId, @from, @to, @now, @By, @Name)
            """, new { installationId, from, to, now, By = actor.UserId, actor.Name }, tx);
}
