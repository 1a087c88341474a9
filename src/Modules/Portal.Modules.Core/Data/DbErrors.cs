using System.Data.Common;

namespace Portal.Modules.Core.Data;

/// <summary>What a database error means, the same on both providers.</summary>
public static class DbErrors
{
    /// <summary>A UNIQUE or primary-key constraint refused the row ("already taken"). SQLite's primary
    /// code 19 covers every constraint (foreign key, NOT NULL …); only its extended codes UNIQUE (2067)
    /// and PRIMARYKEY (1555) mean this. PostgreSQL says 23505.</summary>
    public static bool IsUniqueViolation(DbException ex) =>
        ex.SqlState == "23505" || ex is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}
