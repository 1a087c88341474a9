using System.Data.Common;

namespace Portal.Modules.Core.Data;

/// <summary>The one way handlers reach the database.</summary>
public interface IDb
{
    ISqlDialect Dialect { get; }

    /// <summary>An open connection for reads; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken ct = default);

    /// <summary>Runs <paramref name="work"/> in a write transaction (IMMEDIATE on SQLite) and
    /// commits it; any exception rolls everything back.</summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default);
}

public static class DbExtensions
{
    public static Task WriteAsync(this IDb db, Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        db.WriteAsync<bool>(async (c, t) => { await work(c, t); return true; }, ct);
}
