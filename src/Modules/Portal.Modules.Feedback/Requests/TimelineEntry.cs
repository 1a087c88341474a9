namespace Portal.Modules.Feedback.Requests;

/// <summary>A row of fb_events: who did what when, with the attachments added with it.</summary>
public sealed class TimelineEntry
{
    public const string Columns = """
        e.id AS Id, e.request_id AS RequestId, e.at AS At, e.actor_id AS ActorId, e.actor_name AS ActorName, e.by_staff AS ByStaff,
        e.kind AS Kind, e.internal AS Internal, e.body AS Body, e.from_status AS FromStatus, e.to_status AS ToStatus
        """;

    public long Id { get; set; }
    public long RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public long? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public bool ByStaff { get; set; }
    public string Kind { get; set; } = "";
    public bool Internal { get; set; }
    public string Body { get; set; } = "";
    public string? FromStatus { get; set; }
    public string? ToStatus { get; set; }
    public List<AttachmentRow> Attachments { get; } = [];
}
