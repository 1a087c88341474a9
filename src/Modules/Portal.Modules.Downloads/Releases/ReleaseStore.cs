using System.Data.Common;
using System.Globalization;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Files;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Downloads.Contracts;
using Portal.Modules.Downloads.Search;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Downloads.Releases;

/// <summary>Every change to releases and their files. File bytes are saved to the store before the
/// row that names them is written, and removed again when that write fails, so an interrupted
/// upload leaves neither a row nor a stored file. A publish, edit or withdrawal is recorded for the
/// search index in its transaction and handed to the indexer after commit.</summary>
public sealed class ReleaseStore(IDb db, IFileStore files, IOutbox outbox, TimeProvider clock, ISearchIndexer indexer)
{
    public async Task<long> CreateAsync(ReleaseInput input, string? contentKey, long? actor, CancellationToken ct) =>
        await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO dl_releases (product_code, major, minor, patch, kind, title_zh, title_en, notes_zh, notes_en, severity,
                applies_to, is_public, status, content_key, created_at, updated_at, updated_by)
            VALUES (@ProductCode, @Major, @Minor, @Patch, @Kind, @TitleZh, @TitleEn, @NotesZh, @NotesEn, @Severity,
                @AppliesTo, @IsPublic, @Status, @ContentKey, @Now, @Now, @Actor)
            RETURNING id
            """, Args(input, contentKey, actor), tx), ct);

    /// <summary>Updates the release when <paramref name="rowVersion"/> is still current (null: any); false on a conflict.</summary>
    public async Task<bool> UpdateAsync(long id, ReleaseInput input, int? rowVersion, long? actor, CancellationToken ct)
    {
        var updated = await db.WriteAsync(async (c, tx) =>
        {
            var args = WithRow(Args(input, null, actor), id, rowVersion);
            if (await c.ExecuteAsync("""
                UPDATE dl_releases SET product_code = @ProductCode, major = @Major, minor = @Minor, patch = @Patch, kind = @Kind,
                    title_zh = @TitleZh, title_en = @TitleEn, notes_zh = @NotesZh, notes_en = @NotesEn, severity = @Severity,
                    applies_to = @AppliesTo, is_public = @IsPublic, row_version = row_version + 1, updated_at = @Now, updated_by = @Actor
                WHERE id = @Id AND (@RowVersion IS NULL OR row_version = @RowVersion)
                """, args, tx) != 1) return false;
            await ReleaseSearchChanges.RecordAsync(c, tx, id, clock.GetUtcNow());
            return true;
        }, ct);
        return Searchable(id, updated);
    }

    /// <summary>Makes the release visible. The first time, <see cref="ReleasePublished"/> goes to the outbox in
    /// the same transaction (once per release, ever: unpublishing and publishing again notifies nobody twice).
    /// <paramref name="at"/> backdates an imported release. False when there is no such release.</summary>
    public async Task<bool> PublishAsync(long id, DateTimeOffset? at, bool notify, long? actor, CancellationToken ct) =>
        Searchable(id, await db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var changed = await c.ExecuteAsync("""
                UPDATE dl_releases SET status = 'published', published_at = COALESCE(@At, published_at, @Now),
                    row_version = row_version + 1, updated_at = @Now, updated_by = @Actor
                WHERE id = @id
                """, new { id, At = at, Now = now, Actor = actor }, tx);
            if (changed == 0) return false;
            await ReleaseSearchChanges.RecordAsync(c, tx, id, now);
            if (notify)
                await outbox.EnqueueAsync(c, tx, new ReleasePublished(id), string.Create(CultureInfo.InvariantCulture, $"downloads.published:{id}"));
            return true;
        }, ct));

    public async Task<bool> UnpublishAsync(long id, long? actor, CancellationToken ct) =>
        Searchable(id, await db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await c.ExecuteAsync("""
                UPDATE dl_releases SET status = 'draft', row_version = row_version + 1, updated_at = @Now, updated_by = @Actor WHERE id = @id
                """, new { id, Now = now, Actor = actor }, tx) != 1) return false;
            await ReleaseSearchChanges.RecordAsync(c, tx, id, now);
            return true;
        }, ct));

    /// <summary>After a committed change, tells this node's search index (other nodes read the change record).</summary>
    private bool Searchable(long id, bool changed)
    {
        if (changed)
            foreach (var key in ReleaseSearchChanges.Keys(id)) indexer.Changed(key);
        return changed;
    }

    /// <summary>Replaces the list of releases this one supersedes (same product only, never itself).</summary>
    public Task SetSupersedesAsync(long id, IEnumerable<long> superseded, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM dl_supersedes WHERE release_id = @id", new { id }, tx);
            foreach (var old in superseded.Distinct().Where(o => o != id))
            {
                await c.ExecuteAsync("""
                    INSERT INTO dl_supersedes (release_id, superseded_id)
                    SELECT @id, o.id FROM dl_releases o JOIN dl_releases r ON r.id = @id
                    WHERE o.id = @old AND o.product_code = r.product_code
                    """, new { id, old }, tx);
            }
        }, ct);

    /// <summary>Streams <paramref name="content"/> into the store, then records it as a file of the
    /// release; when <paramref name="replaces"/> is set, that file is marked replaced (its bytes stay
    /// until it is deleted). Null when the release (or the replaced file) does not exist; nothing is kept then.
    /// A retry under the same <paramref name="upload"/> key whose file is already a file of the release
    /// answers that file again.</summary>
    public async Task<FileRow?> AddFileAsync(long releaseId, string fileName, Stream content, long maxBytes, long? replaces, UploadKey? upload, CancellationToken ct)
    {
        var stored = await files.SaveAsync(content, maxBytes, upload, ct);
        if (stored.Repeated && await RecordedAsync(releaseId, stored.Key, ct) is { } earlier) return earlier;
        try
        {
            var row = await db.WriteAsync(async (c, tx) =>
            {
                if (await c.ExecuteScalarAsync<long?>("SELECT id FROM dl_releases WHERE id = @releaseId", new { releaseId }, tx) is null) return null;
                var now = clock.GetUtcNow();
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO dl_files (release_id, store_key, file_name, size, sha256, created_at)
                    VALUES (@releaseId, @Key, @Name, @Size, @Sha256, @Now) RETURNING id
                    """, new { releaseId, stored.Key, Name = FileTypes.CleanName(fileName), stored.Size, stored.Sha256, Now = now }, tx);
                if (replaces is not null)
                {
                    var replaced = await c.ExecuteAsync("""
                        UPDATE dl_files SET replaced_by = @id WHERE id = @replaces AND release_id = @releaseId AND replaced_by IS NULL AND deleted_at IS NULL
                        """, new { id, replaces, releaseId }, tx);
                    if (replaced == 0) throw new ReplacedFileMissingException();
                }
                await TouchAsync(c, tx, releaseId, now);
                return await c.QuerySingleAsync<FileRow>($"SELECT {FileRow.Columns} FROM dl_files f WHERE f.id = @id", new { id }, tx);
            }, ct);
            if (row is null) files.Delete(stored.Key);
            return row;
        }
        catch (ReplacedFileMissingException)
        {
            files.Delete(stored.Key);
            return null;
        }
        catch
        {
            files.Delete(stored.Key);
            throw;
        }
    }

    private async Task<FileRow?> RecordedAsync(long releaseId, string storeKey, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<FileRow>(
            $"SELECT {FileRow.Columns} FROM dl_files f WHERE f.release_id = @releaseId AND f.store_key = @storeKey", new { releaseId, storeKey });
    }

    /// <summary>Takes a file off the release and removes its bytes. False when it was not a file of the release.</summary>
    public async Task<bool> DeleteFileAsync(long releaseId, long fileId, CancellationToken ct)
    {
        var key = await db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var key = await c.ExecuteScalarAsync<string?>("""
                UPDATE dl_files SET deleted_at = @Now WHERE id = @fileId AND release_id = @releaseId AND deleted_at IS NULL RETURNING store_key
                """, new { fileId, releaseId, Now = now }, tx);
            if (key is not null) await TouchAsync(c, tx, releaseId, now);
            return key;
        }, ct);
        if (key is null) return false;
        files.Delete(key);
        return true;
    }

    private static Task TouchAsync(DbConnection c, DbTransaction tx, long releaseId, DateTimeOffset now) =>
        c.ExecuteAsync("UPDATE dl_releases SET row_version = row_version + 1, updated_at = @now WHERE id = @releaseId", new { releaseId, now }, tx);

    private DynamicParameters Args(ReleaseInput input, string? contentKey, long? actor) => new(new
    {
        input.ProductCode, input.Version.Major, input.Version.Minor, input.Version.Patch, input.Kind,
        TitleZh = input.TitleZh.Trim(), TitleEn = input.TitleEn.Trim(), input.NotesZh, input.NotesEn,
        Severity = input.Kind == "patch" ? input.Severity : null, AppliesTo = input.NormalRange, input.IsPublic,
        Status = ReleaseVocabulary.Draft, ContentKey = contentKey, Now = clock.GetUtcNow(), Actor = actor,
    });

    private static DynamicParameters WithRow(DynamicParameters args, long id, int? rowVersion)
    {
        args.Add("Id", id);
        args.Add("RowVersion", rowVersion, System.Data.DbType.Int32);
        return args;
    }

    private sealed class ReplacedFileMissingException : Exception;
}
