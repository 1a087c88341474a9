using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Core.Files;

/// <summary>Files under {data}/files/{first two key characters}/{key}; keys are 32 hex digits.
/// An upload in progress is {files}/.upload-{key}.tmp with its owner marker .upload-{key}.owner
/// beside it (<see cref="UploadLease"/>); uploads with an <see cref="UploadKey"/> are recorded in
/// file_uploads.</summary>
internal sealed class DiskFileStore(IOptions<PortalOptions> options, UploadLease lease, IDb db, TimeProvider clock) : IFileStore
{
    /// <summary>Temporary files of uploads in progress, in the store's root (see <see cref="StaleUploadsSweep"/>).</summary>
    public const string TempPattern = ".upload-*.tmp";

    public const string MarkerPattern = ".upload-*.owner";

    private string Root => Path.Combine(options.Value.FullDataPath, "files");

    public Task<StoredFile> SaveAsync(Stream content, long maxBytes, CancellationToken ct) => SaveAsync(content, maxBytes, null, ct);

    public async Task<StoredFile> SaveAsync(Stream content, long maxBytes, UploadKey? upload, CancellationToken ct)
    {
        if (upload is not null && await EarlierAsync(upload, ct) is { } earlier) return earlier;
        var stored = await WriteAsync(content, maxBytes, ct);
        if (upload is null) return stored;
        var recorded = await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO file_uploads (uploader, upload_key, store_key, size, sha256, created_at)
                VALUES (@Uploader, @Key, @StoreKey, @Size, @Sha256, @Now) ON CONFLICT (uploader, upload_key) DO NOTHING
                """, new { upload.Uploader, upload.Key, StoreKey = stored.Key, stored.Size, stored.Sha256, Now = clock.GetUtcNow() }, tx);
            return await c.QuerySingleAsync<string>("SELECT store_key FROM file_uploads WHERE uploader = @Uploader AND upload_key = @Key", upload, tx);
        }, ct);
        if (recorded == stored.Key) return stored;
        // The same upload sent twice at once: the other copy was recorded first.
        Delete(stored.Key);
        return await EarlierAsync(upload, ct) ?? throw new InvalidOperationException("The upload recorded under this key has gone.");
    }

    private async Task<StoredFile?> EarlierAsync(UploadKey upload, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var found = await c.QuerySingleOrDefaultAsync<Recorded>(
            "SELECT store_key AS StoreKey, size AS Size, sha256 AS Sha256 FROM file_uploads WHERE uploader = @Uploader AND upload_key = @Key", upload);
        if (found is null) return null;
        if (File.Exists(PathOf(found.StoreKey))) return new StoredFile(found.StoreKey, found.Size, found.Sha256, Repeated: true);
        // Its module discarded the file (the row naming it could not be written): store the retry afresh.
        await c.ExecuteAsync("DELETE FROM file_uploads WHERE uploader = @Uploader AND upload_key = @Key AND store_key = @StoreKey",
            new { upload.Uploader, upload.Key, found.StoreKey });
        return null;
    }

    private async Task<StoredFile> WriteAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var key = Guid.NewGuid().ToString("N");
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(Root, $".upload-{key}.tmp");
        var marker = Path.ChangeExtension(temp, ".owner");
        long size = 0;
        try
        {
            lease.WriteMarker(marker);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw new FileTooLargeException(maxBytes);
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    lease.Renew();
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, target);
            return new StoredFile(key, size, Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            if (File.Exists(marker)) File.Delete(marker);
        }
    }

    public Stream? OpenRead(string key)
    {
        if (!IsKey(key)) return null;
        var path = PathOf(key);
        // No FileStream buffer: readers (file results) read in large chunks straight into their
        // own buffers; sequential scan asks the OS for read-ahead.
        return File.Exists(path)
            ? new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            })
            : null;
    }

    public void Delete(string key)
    {
        if (IsKey(key) && File.Exists(PathOf(key))) File.Delete(PathOf(key));
    }

    private sealed class Recorded
    {
        public string StoreKey { get; init; } = "";
        public long Size { get; init; }
        public string Sha256 { get; init; } = "";
    }

    private string PathOf(string key) => Path.Combine(Root, key[..2], key);

    private static bool IsKey(string key) => key.Length == 32 && key.All(char.IsAsciiHexDigitLower);
}
