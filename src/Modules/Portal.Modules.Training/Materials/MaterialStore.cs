using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Files;

namespace Portal.Modules.Training.Materials;

/// <summary>tr_materials and their files: an upload streams into the file store (bounded by
/// <see cref="MaxBytes"/>) and is recorded afterwards; a failed insert removes the file.</summary>
internal sealed class MaterialStore(IDb db, IFileStore files, TimeProvider clock)
{
    public const int MaxFileNameLength = 200;

    /// <summary>The largest material file: 100 MB (a recorded session or an installation image may be big).</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    public async Task<IReadOnlyList<MaterialRow>> OfCourseAsync(long course, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<MaterialRow>(new CommandDefinition(
            "SELECT id AS Id, course_id AS CourseId, store_key AS StoreKey, file_name AS FileName, size AS Size, sha256 AS Sha256, created_at AS CreatedAt FROM tr_materials WHERE course_id = @course ORDER BY file_name, id",
            new { course }, cancellationToken: ct))];
    }

    public async Task<MaterialRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<MaterialRow>(new CommandDefinition(
            "SELECT id AS Id, course_id AS CourseId, store_key AS StoreKey, file_name AS FileName, size AS Size, sha256 AS Sha256, created_at AS CreatedAt FROM tr_materials WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Stores the file; throws FileTooLargeException (nothing kept) when it is too large.</summary>
    public async Task<long> AddAsync(long course, string fileName, Stream content, long maxBytes, CancellationToken ct)
    {
        var stored = await files.SaveAsync(content, maxBytes, ct);
        try
        {
            return await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
                INSERT INTO tr_materials (course_id, store_key, file_name, size, sha256, created_at)
                VALUES (@course, @Key, @fileName, @Size, @Sha256, @now)
                RETURNING id
                """, new { course, stored.Key, fileName, stored.Size, stored.Sha256, now = clock.GetUtcNow() }, tx), ct);
        }
        catch
        {
            files.Delete(stored.Key);
            throw;
        }
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } row) return false;
        await db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM tr_materials WHERE id = @id", new { id }, tx), ct);
        files.Delete(row.StoreKey);
        return true;
    }

    /// <summary>A display name safe for headers and the file system: no path, no control characters.</summary>
    public static string CleanName(string? name)
    {
        var file = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string([.. file.Where(ch => !Portal.Modules.Core.Text.InvisibleCharacters.IsInvisible(ch) && ch is not ('"' or '/' or '\\'))]).Trim();
        if (clean.Length > MaxFileNameLength) clean = clean[^MaxFileNameLength..];
        return clean.Length == 0 ? "material" : clean;
    }
}
