namespace Portal.Modules.Core.Data;

/// <summary>Settings under "Database" plus the "Portal" connection string.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For postgres: an Npgsql connection string (ConnectionStrings:Portal).
    /// For sqlite: optional; defaults to &lt;data&gt;/portal.db.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);
}
