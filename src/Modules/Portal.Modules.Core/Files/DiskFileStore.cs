using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Portal.Modules.Core.Files;

/// <summary>Files under {data}/files/{first two key characters}/{key}; keys are 32 hex digits.</summary>
internal sealed class DiskFileStore(IOptions<PortalOptions> options) : IFileStore
{
    /// <summary>Temporary files of uploads in progress, in the store's root (see <see cref="StaleUploadsSweep"/>).</summary>
    public const string TempPattern = ".upload-*.tmp";

    private string Root => Path.Combine(options.Value.FullDataPath, "files");

    public async Task<StoredFile> SaveAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var key = Guid.NewGuid().ToString("N");
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(Root, $".upload-{key}.tmp");
        long size = 0;
        try
        {
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

    private string PathOf(string key) => Path.Combine(Root, key[..2], key);

    private static bool IsKey(string key) => key.Length == 32 && key.All(char.IsAsciiHexDigitLower);
}
