using Dapper;
using Microsoft.Extensions.Logging;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Downloads.Serving;

/// <summary>dl_download_log: who fetched which file when, and how many bytes were sent.</summary>
public sealed class DownloadLog(IDb db, TimeProvider clock, ILogger<DownloadLog> logger)
{
    public async Task RecordAsync(long fileId, long releaseId, long? userId, long? organisationId, long bytes)
    {
        try
        {
            await db.WriteAsync((c, tx) => c.ExecuteAsync("""
                INSERT INTO dl_download_log (file_id, release_id, user_id, organisation_id, at, bytes)
                VALUES (@fileId, @releaseId, @userId, @organisationId, @Now, @bytes)
                """, new { fileId, releaseId, userId, organisationId, Now = clock.GetUtcNow(), bytes }, tx));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The response is already sent; losing one log row must not turn into an error page.
            logger.LogError(ex, "Download of file {FileId} ({Bytes} bytes) could not be logged", fileId, bytes);
        }
    }
}
