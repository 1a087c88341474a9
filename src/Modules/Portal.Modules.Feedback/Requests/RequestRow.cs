namespace Portal.Modules.Feedback.Requests;

/// <summary>A row of fb_requests. A class with settable properties: Dapper maps SQLite's integers
/// (long) and PostgreSQL's (int) onto it alike.</summary>
public sealed class RequestRow
{
    public const string Columns = """
        r.id AS Id, r.reference AS Reference, r.organisation_id AS OrganisationId, r.created_by AS CreatedBy,
        r.contact_name AS ContactName, r.contact_email AS ContactEmail, r.contact_language AS ContactLanguage, r.contact_phone AS ContactPhone,
        r.type AS Type, r.product_code AS ProductCode, r.product_version AS ProductVersion, r.severity AS Severity,
        r.title AS Title, r.description AS Description, r.status AS Status, r.covered AS Covered, r.service_level AS ServiceLevel,
        r.business_hours AS BusinessHours, r.respond_due_at AS RespondDueAt, r.resolve_due_at AS ResolveDueAt,
        r.first_response_at AS FirstResponseAt, r.paused_at AS PausedAt, r.resolve_left_seconds AS ResolveLeftSeconds,
        r.next_due_at AS NextDueAt, r.assignee_id AS AssigneeId, r.assignee_name AS AssigneeName, r.proposed_at AS ProposedAt,
        r.closed_at AS ClosedAt, r.close_reason AS CloseReason, r.reopen_until AS ReopenUntil, r.row_version AS RowVersion,
        r.created_at AS CreatedAt, r.updated_at AS UpdatedAt, r.tier AS Tier, r.escalated_at AS EscalatedAt
        """;

    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public long OrganisationId { get; set; }
    public long CreatedBy { get; set; }
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string ContactLanguage { get; set; } = "zh-CN";
    public string ContactPhone { get; set; } = "";
    public string Type { get; set; } = RequestVocabulary.Problem;
    public string ProductCode { get; set; } = "";
    public string ProductVersion { get; set; } = "";
    public int? Severity { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Status { get; set; } = RequestVocabulary.New;
    public bool Covered { get; set; }
    public string? ServiceLevel { get; set; }
    public bool BusinessHours { get; set; }
    public DateTimeOffset? RespondDueAt { get; set; }
    public DateTimeOffset? ResolveDueAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public long? ResolveLeftSeconds { get; set; }
    public DateTimeOffset? NextDueAt { get; set; }
    public long? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    public DateTimeOffset? ProposedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? CloseReason { get; set; }
    public DateTimeOffset? ReopenUntil { get; set; }
    public int RowVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>1 local service specialist, 2 maintenance team, 3 product/R&amp;D.</summary>
    public int Tier { get; set; } = 1;
    public DateTimeOffset? EscalatedAt { get; set; }

    public bool IsClosed => Status == RequestVocabulary.Closed;

    /// <summary>Closed, and the customer may still reopen it at <paramref name="now"/>.</summary>
    public bool CanReopen(DateTimeOffset now) => IsClosed && ReopenUntil is { } until && now < until;

    /// <summary>The next due time has passed at <paramref name="now"/>.</summary>
    public bool Breached(DateTimeOffset now) => NextDueAt is { } due && due < now;
}
