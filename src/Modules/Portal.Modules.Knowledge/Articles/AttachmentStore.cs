using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Files;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>Images and attachments of articles: the content in the file store, a kb_files row
/// naming it.</summary>
internal sealed class AttachmentStore(IDb db, IFileStore files, TimeProvider clock)
{
    public const long MaxUpload = 20 * 1024 * 1024;

    public async Task<IReadOnlyList<AttachmentRow>> ListAsync(long articleId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<AttachmentRow>(
            "SELECT id AS Id, file_name AS FileName, size AS Size FROM kb_files WHERE article_id = @articleId ORDER BY id", new { articleId })).ToList();
    }

    /// <summary>Streams the upload into the file store, then records it under a cleaned name.
    /// Over <see cref="MaxUpload"/> it throws <see cref="FileTooLargeException"/> and keeps nothing.
    /// A retry under the same <paramref name="upload"/> key that was already recorded records nothing.</summary>
    public async Task AddAsync(long articleId, Stream content, string fileName, long? userId, UploadKey? upload, CancellationToken ct)
    {
        var stored = await files.SaveAsync(content, MaxUpload, upload, ct);
        if (stored.Repeated && await IsRecordedAsync(articleId, stored.Key, ct)) return;
        var name = FileTypes.CleanName(fileName);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO kb_files (article_id, store_key, file_name, size, sha256, created_at, created_by)
            VALUES (@articleId, @Key, @name, @Size, @Sha256, @now, @userId)
            """, new { articleId, stored.Key, name, stored.Size, stored.Sha256, now = clock.GetUtcNow(), userId }, tx), ct);
    }

    private async Task<bool> IsRecordedAsync(long articleId, string storeKey, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT id FROM kb_files WHERE article_id = @articleId AND store_key = @storeKey", new { articleId, storeKey }) is not null;
    }
}
