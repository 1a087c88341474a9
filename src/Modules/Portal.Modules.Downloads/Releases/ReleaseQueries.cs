using Dapper;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Web.Paging;

namespace Portal.Modules.Downloads.Releases;

/// <summary>Reads of releases and files. Visibility (draft or published) is the caller's rule.</summary>
public sealed class ReleaseQueries(IDb db)
{
    public async Task<ReleaseRow?> ReleaseAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ReleaseRow>($"SELECT {ReleaseRow.Columns} FROM dl_releases r WHERE r.id = @id", new { id });
    }

    /// <summary>The current files of a release (not replaced, not deleted), by name.</summary>
    public async Task<IReadOnlyList<FileRow>> FilesAsync(long releaseId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<FileRow>($"""
            SELECT {FileRow.Columns} FROM dl_files f
            WHERE f.release_id = @releaseId AND f.replaced_by IS NULL AND f.deleted_at IS NULL ORDER BY f.file_name, f.id
            """, new { releaseId })];
    }

    /// <summary>A file with its release, or null. Replaced and deleted files are included: the caller decides.</summary>
    public async Task<(FileRow File, ReleaseRow Release)?> FileAsync(long fileId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var file = await c.QuerySingleOrDefaultAsync<FileRow>($"SELECT {FileRow.Columns} FROM dl_files f WHERE f.id = @fileId", new { fileId });
        if (file is null) return null;
        var release = await c.QuerySingleAsync<ReleaseRow>($"SELECT {ReleaseRow.Columns} FROM dl_releases r WHERE r.id = @Id", new { Id = file.ReleaseId });
        return (file, release);
    }

    /// <summary>The releases <paramref name="id"/> supersedes and the published ones that supersede it.</summary>
    public async Task<(IReadOnlyList<ReleaseRow> Supersedes, IReadOnlyList<ReleaseRow> SupersededBy)> SupersessionAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var older = await c.QueryAsync<ReleaseRow>($"""
            SELECT {ReleaseRow.Columns} FROM dl_supersedes s JOIN dl_releases r ON r.id = s.superseded_id
            WHERE s.release_id = @id ORDER BY r.major, r.minor, r.patch
            """, new { id });
        var newer = await c.QueryAsync<ReleaseRow>($"""
            SELECT {ReleaseRow.Columns} FROM dl_supersedes s JOIN dl_releases r ON r.id = s.release_id
            WHERE s.superseded_id = @id AND r.status = 'published' ORDER BY r.major, r.minor, r.patch
            """, new { id });
        return ([.. older], [.. newer]);
    }

    /// <summary>Published releases (drafts too when <paramref name="includeDrafts"/>; only public ones when
    /// <paramref name="publicOnly"/>), filtered, newest version first.</summary>
    public async Task<PagedList<ReleaseRow>> BrowseAsync(ReleaseFilter filter, bool publicOnly, bool includeDrafts, int page, CancellationToken ct)
    {
        var where = new List<string>();
        if (!includeDrafts) where.Add("r.status = 'published'");
        if (publicOnly) where.Add("r.is_public = @True");
        if (filter.Product is not null) where.Add("r.product_code = @Product");
        if (filter.Version is not null) where.Add("r.major = @Major AND r.minor = @Minor AND r.patch = @Patch");
        if (filter.Kind is not null) where.Add("r.kind = @Kind");
        var sql = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var v = filter.Version ?? default;
        var args = new { True = true, filter.Product, v.Major, v.Minor, v.Patch, filter.Kind, Offset = PagedList<ReleaseRow>.Offset(page, PageSize), Limit = PageSize };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM dl_releases r {sql}", args);
        var rows = await c.QueryAsync<ReleaseRow>($"""
            SELECT {ReleaseRow.Columns} FROM dl_releases r {sql}
            ORDER BY r.product_code, r.major DESC, r.minor DESC, r.patch DESC, r.id DESC LIMIT @Limit OFFSET @Offset
            """, args);
        return new PagedList<ReleaseRow>([.. rows], PagedList<ReleaseRow>.Normalize(page), PageSize, total);
    }

    public const int PageSize = 20;

    /// <summary>The versions that have published releases, per product (for the browse filters).</summary>
    public async Task<IReadOnlyList<ProductVersion>> VersionsAsync(string product, bool publicOnly, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Major, long Minor, long Patch)>($"""
            SELECT DISTINCT r.major, r.minor, r.patch FROM dl_releases r
            WHERE r.product_code = @product AND r.status = 'published' {(publicOnly ? "AND r.is_public = @True" : "")}
            ORDER BY r.major DESC, r.minor DESC, r.patch DESC
            """, new { product, True = true });
        return [.. rows.Select(r => new ProductVersion((int)r.Major, (int)r.Minor, (int)r.Patch))];
    }

    /// <summary>Published releases of a product with the ids of the releases each supersedes.</summary>
    public async Task<IReadOnlyList<(ReleaseRow Release, IReadOnlyList<long> Supersedes)>> PublishedWithSupersessionAsync(string product, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var releases = (await c.QueryAsync<ReleaseRow>(
            $"SELECT {ReleaseRow.Columns} FROM dl_releases r WHERE r.product_code = @product AND r.status = 'published'", new { product })).ToList();
        var links = (await c.QueryAsync<(long ReleaseId, long SupersededId)>("""
            SELECT s.release_id, s.superseded_id FROM dl_supersedes s JOIN dl_releases r ON r.id = s.release_id WHERE r.product_code = @product
            """, new { product })).ToLookup(l => l.ReleaseId, l => l.SupersededId);
        return [.. releases.Select(r => (r, (IReadOnlyList<long>)[.. links[r.Id]]))];
    }
}

/// <summary>Browse filters; null means any.</summary>
public sealed record ReleaseFilter(string? Product, ProductVersion? Version, string? Kind);
