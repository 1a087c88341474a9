using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Notifications.Contracts;

namespace Portal.Modules.Notifications.Delivery;

/// <summary>nt_messages: one row per dedup key, recording each email's delivery state.</summary>
internal sealed class MessageStore(IDb db, TimeProvider clock)
{
    private const int MaxErrorLength = 2000;

    /// <summary>The row of the email being attempted. Its id and creation time never change, so
    /// the Message-ID and pickup-file name derived from them are the same on every attempt.</summary>
    public sealed class Attempt
    {
        public long Id { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    /// <summary>Records the email (the first request for a key wins) and counts a delivery attempt.
    /// Returns the row, or null when the email was already sent.</summary>
    public Task<Attempt?> BeginAttemptAsync(EmailRequested email, string language, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync($"""
                INSERT INTO nt_messages (dedup_key, to_address, template, language, state, attempts, created_at)
                VALUES (@DedupKey, @To, @Template, @language, '{MessageStates.Pending}', 0, @Now)
                ON CONFLICT (dedup_key) DO NOTHING
                """, new { email.DedupKey, email.To, email.Template, language, Now = clock.GetUtcNow() }, tx);
            return await c.QuerySingleOrDefaultAsync<Attempt>($"""
                UPDATE nt_messages SET state = '{MessageStates.Pending}', attempts = attempts + 1
                WHERE dedup_key = @DedupKey AND state <> '{MessageStates.Sent}'
                RETURNING id AS Id, created_at AS CreatedAt
                """, new { email.DedupKey }, tx);
        }, ct);

    public Task MarkSentAsync(long id, string subject) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync($"""
            UPDATE nt_messages SET state = '{MessageStates.Sent}', subject = @subject, sent_at = @Now, last_error = NULL WHERE id = @id
            """, new { id, subject, Now = clock.GetUtcNow() }, tx), CancellationToken.None);

    public Task MarkFailedAsync(long id, string? subject, string error) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync($"""
            UPDATE nt_messages SET state = '{MessageStates.Failed}', subject = COALESCE(@subject, subject), last_error = @Error WHERE id = @id
            """, new { id, subject, Error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error }, tx), CancellationToken.None);
}
