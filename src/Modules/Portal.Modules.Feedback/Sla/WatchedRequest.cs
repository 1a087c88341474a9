namespace Portal.Modules.Feedback.Sla;

/// <summary>What the SLA watch reads of an open request with a running due time.</summary>
internal sealed class WatchedRequest
{
    public const string Columns = """
        r.id AS Id, r.reference AS Reference, r.title AS Title, r.organisation_id AS OrganisationId, r.tier AS Tier,
        r.assignee_id AS AssigneeId, r.business_hours AS BusinessHours, r.created_at AS CreatedAt, r.first_response_at AS FirstResponseAt,
        r.next_due_at AS NextDueAt, r.respond_target_seconds AS RespondTargetSeconds, r.resolve_target_seconds AS ResolveTargetSeconds,
        r.warned_soon_due AS WarnedSoonDue, r.warned_breach_due AS WarnedBreachDue, r.auto_escalated_due AS AutoEscalatedDue,
        r.row_version AS RowVersion
        """;

    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public string Title { get; set; } = "";
    public long OrganisationId { get; set; }
    public int Tier { get; set; }
    public long? AssigneeId { get; set; }
    public bool BusinessHours { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset NextDueAt { get; set; }
    public long? RespondTargetSeconds { get; set; }
    public long? ResolveTargetSeconds { get; set; }
    public DateTimeOffset? WarnedSoonDue { get; set; }
    public DateTimeOffset? WarnedBreachDue { get; set; }
    public DateTimeOffset? AutoEscalatedDue { get; set; }
    public int RowVersion { get; set; }

    /// <summary>The response target runs until someone answered, then the resolution target.</summary>
    public string Target => FirstResponseAt is null ? SlaNotes.Respond : SlaNotes.Resolve;

    /// <summary>The current target's service time; for rows from before it was recorded, counted from submission.</summary>
    public long? TargetSeconds => Target == SlaNotes.Respond ? RespondTargetSeconds : ResolveTargetSeconds;
}
