using System.Data.Common;
using Npgsql;

namespace Portal.Modules.Core.Data;

// Disposable so that the container closes the pool with the service provider (each test, each
// WebApplicationFactory builds one); otherwise its idle connections stay open for minutes.
internal sealed class PostgresDb(NpgsqlDataSource dataSource, Outbox.OutboxSignal signal) : IDb, IDisposable, IAsyncDisposable
{
    public ISqlDialect Dialect { get; } = new PostgresDialect();

    public void Dispose() => dataSource.Dispose();

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default) => await dataSource.OpenConnectionAsync(ct);

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        signal.Committed(tx);
        return result;
    }
}
