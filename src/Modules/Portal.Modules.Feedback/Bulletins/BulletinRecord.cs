namespace Portal.Modules.Feedback.Bulletins;

/// <summary>A row of fb_bulletins: a month's bulletin as it was sent (or, when not <see cref="Reported"/>, found to have nothing to report).</summary>
public sealed class BulletinRecord
{
    internal const string Columns = """
        b.organisation_id AS OrganisationId, b.month AS Month, b.reported AS Reported, b.recipients AS Recipients,
        b.received AS Received, b.resolved AS Resolved, b.still_open AS StillOpen, b.sent_at AS SentAt
        """;

    public long OrganisationId { get; set; }
    public string Month { get; set; } = "";
    public bool Reported { get; set; }
    public int Recipients { get; set; }
    public int Received { get; set; }
    public int Resolved { get; set; }
    public int StillOpen { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
