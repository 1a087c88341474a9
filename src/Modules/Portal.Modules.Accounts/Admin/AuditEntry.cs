namespace Portal.Modules.Accounts.Admin;

/// <summary>A row of acc_audit_log as the admin pages show it, with the actor's email.</summary>
public sealed class AuditEntry
{
    /// <summary>Columns for a query over acc_audit_log l LEFT JOIN acc_users a ON a.id = l.actor_id.</summary>
    internal const string Columns = """
        l.id AS Id, l.at AS At, l.event AS Event, l.user_id AS UserId, l.user_name AS UserName,
        l.actor_id AS ActorId, a.email AS ActorEmail, l.ip AS Ip, l.detail AS Detail
        """;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Event { get; set; } = "";
    public long? UserId { get; set; }
    public string? UserName { get; set; }
    public long? ActorId { get; set; }
    public string? ActorEmail { get; set; }
    public string? Ip { get; set; }
    public string? Detail { get; set; }
}
