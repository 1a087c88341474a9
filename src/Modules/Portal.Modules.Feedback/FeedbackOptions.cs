namespace Portal.Modules.Feedback;

/// <summary>Settings under "Feedback".</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>The largest attachment (default 50 MiB).</summary>
    public long MaxAttachmentBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Attachments per submission or reply.</summary>
    public int MaxAttachmentsPerPost { get; set; } = 5;

    /// <summary>File name extensions accepted for attachments (logs, screenshots, archives, documents).</summary>
    public List<string> AllowedExtensions { get; set; } =
    [
        ".log", ".txt", ".csv", ".json", ".xml", ".cfg", ".conf", ".ini", ".yaml", ".yml",
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp",
        ".pdf", ".docx", ".xlsx", ".pptx", ".doc", ".xls",
        ".zip", ".7z", ".gz", ".tgz", ".tar", ".rar", ".har", ".pcap", ".dmp",
    ];

    /// <summary>A proposed solution neither confirmed nor answered for this many months closes the request.</summary>
    public int AutoCloseAfterMonths { get; set; } = 1;

    /// <summary>A closed request may be reopened by the customer for this many months.</summary>
    public int ReopenWithinMonths { get; set; } = 1;

    /// <summary>The queue's "due soon" filter: the next due time falls within this span.</summary>
    public TimeSpan DueSoon { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The assignee and the tier's leads are warned when this share of a target's service time has elapsed.</summary>
    public int WarnAtPercent { get; set; } = 75;

    /// <summary>A request is escalated to the next tier automatically when this share of its resolution target has elapsed.</summary>
    public int EscalateAtPercent { get; set; } = 80;

    public bool IsAllowed(string fileName) =>
        AllowedExtensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase);
}
