using Portal.Modules.Feedback.Requests;

namespace Portal.Modules.Feedback.Sla;

/// <summary>What the compliance dashboard reads of a request, and how each target came out at a moment.</summary>
public sealed class ComplianceFacts
{
    public const string Columns = """
        r.type AS Type, r.severity AS Severity, r.covered AS Covered, r.status AS Status, r.first_response_at AS FirstResponseAt,
        r.respond_due_at AS RespondDueAt, r.resolve_due_at AS ResolveDueAt, r.resolve_left_seconds AS ResolveLeftSeconds,
        r.resolved_at AS ResolvedAt, r.resolve_met AS ResolveMet
        """;

    public string Type { get; set; } = RequestVocabulary.Problem;
    public int? Severity { get; set; }
    public bool Covered { get; set; }
    public string Status { get; set; } = RequestVocabulary.New;
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? RespondDueAt { get; set; }
    public DateTimeOffset? ResolveDueAt { get; set; }
    public long? ResolveLeftSeconds { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public bool? ResolveMet { get; set; }

    /// <summary>The dashboard's row: "1"–"4" for problems by severity, else the type.</summary>
    public string Category => Type == RequestVocabulary.Problem ? (Severity ?? 4).ToString(System.Globalization.CultureInfo.InvariantCulture) : Type;

    /// <summary>A proposed solution or closing answers the customer too when no reply came first.</summary>
    public TargetOutcome Response(DateTimeOffset now)
    {
        if (!Covered || RespondDueAt is not { } due) return TargetOutcome.None;
        if ((FirstResponseAt ?? ResolvedAt) is { } answered) return answered <= due ? TargetOutcome.Met : TargetOutcome.Missed;
        return due < now ? TargetOutcome.Missed : TargetOutcome.Running;
    }

    /// <summary>Met or missed once a solution was first proposed or the request closed; until then missed when the
    /// due time has passed, else running (also while paused waiting on the customer).</summary>
    public TargetOutcome Resolution(DateTimeOffset now)
    {
        if (!Covered) return TargetOutcome.None;
        if (ResolveMet is { } met) return met ? TargetOutcome.Met : TargetOutcome.Missed;
        if (ResolvedAt is not null) return TargetOutcome.None;
        if (ResolveDueAt is { } due) return due < now ? TargetOutcome.Missed : TargetOutcome.Running;
        return ResolveLeftSeconds is not null ? TargetOutcome.Running : TargetOutcome.None;
    }
}

public enum TargetOutcome
{
    /// <summary>No such target (not covered, or no resolution target for the severity).</summary>
    None,
    Met,
    Missed,
    Running,
}
