using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Portal.Modules.Core.Data;

internal sealed class SqliteDb(string connectionString, Outbox.OutboxSignal signal) : IDb
{
    public ISqlDialect Dialect { get; } = new SqliteDialect();

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = (SqliteConnection)await OpenAsync(ct);
        // deferred: false issues BEGIN IMMEDIATE, so a read-then-write transaction cannot fail
        // with SQLITE_BUSY_SNAPSHOT when another writer commits in between.
        await using var tx = connection.BeginTransaction(deferred: false);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        signal.Committed(tx);
        return result;
    }
}
