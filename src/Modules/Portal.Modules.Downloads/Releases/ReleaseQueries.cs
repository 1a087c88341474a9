using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Downloads.Releases;

/// <summary>Reads of releases and files. Visibility (draft or published) is the caller's rule.</summary>
internal sealed class ReleaseQueries(IDb db)
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
}
