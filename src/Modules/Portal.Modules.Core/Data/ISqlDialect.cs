namespace Portal.Modules.Core.Data;

/// <summary>The few places where SQLite and PostgreSQL differ in DML. DDL lives in per-dialect
/// migration files instead.</summary>
public interface ISqlDialect
{
    /// <summary>"sqlite" or "postgres": the folder name of the migrations.</summary>
    string Name { get; }

    /// <summary>Appended to a SELECT that claims rows for work: row locks that skip rows another
    /// node holds. Empty on SQLite, whose write transactions are already serialized.</summary>
    string ForUpdateSkipLocked { get; }

    /// <summary>Case-insensitive LIKE operator.</summary>
    string ILike { get; }
}

public sealed class SqliteDialect : ISqlDialect
{
    public string Name => "sqlite";
    public string ForUpdateSkipLocked => "";
    public string ILike => "LIKE";
}

public sealed class PostgresDialect : ISqlDialect
{
    public string Name => "postgres";
    public string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";
    public string ILike => "ILIKE";
}
