namespace Portal.Modules.Feedback.Requests;

/// <summary>A row of fb_attachments; <see cref="StoreKey"/> is the file store's key, never a path.</summary>
public sealed class AttachmentRow
{
    public const string Columns = """
        a.id AS Id, a.request_id AS RequestId, a.event_id AS EventId, a.internal AS Internal, a.store_key AS StoreKey,
        a.file_name AS FileName, a.size AS Size, a.sha256 AS Sha256, a.created_at AS CreatedAt
        """;

    public long Id { get; set; }
    public long RequestId { get; set; }
    public long? EventId { get; set; }
    public bool Internal { get; set; }
    public string StoreKey { get; set; } = "";
    public string FileName { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
