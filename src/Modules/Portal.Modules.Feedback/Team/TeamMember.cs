namespace Portal.Modules.Feedback.Team;

/// <summary>A row of fb_team: a staff member's support tier, whether they lead it (and get its SLA
/// warnings) and whether they are a service supervisor (and handle complaints).</summary>
public sealed class TeamMember
{
    public const string Columns = """
        t.user_id AS UserId, t.display_name AS DisplayName, t.email AS Email, t.tier AS Tier, t.is_lead AS IsLead,
        t.is_supervisor AS IsSupervisor, t.updated_at AS UpdatedAt
        """;

    public long UserId { get; set; }
    public string DisplayName { get; set; } = "";
    public string Email { get; set; } = "";
    public int Tier { get; set; } = 1;
    public bool IsLead { get; set; }
    public bool IsSupervisor { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
