using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.Modules.Core.Storage;

/// <summary>Tells a write refused for lack of space from other failures: the file system's
/// ENOSPC (or Windows' disk-full codes), SQLite's SQLITE_FULL and PostgreSQL's disk_full.</summary>
public static class StorageFull
{
    private const int NoSpaceErrno = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int SqliteFull = 13;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var full = e switch
            {
                IOException io => io.HResult is NoSpaceErrno or WindowsDiskFull or WindowsHandleDiskFull,
                SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
                PostgresException postgres => postgres.SqlState == PostgresErrorCodes.DiskFull,
                AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
                _ => false,
            };
            if (full) return true;
        }
        return false;
    }
}
