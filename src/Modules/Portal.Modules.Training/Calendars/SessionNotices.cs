using System.Data.Common;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Training.Enrollments;
using Portal.Modules.Training.Sessions;

namespace Portal.Modules.Training.Calendars;

/// <summary>Tells the trainees of a session that staff changed or cancelled it, each email with the
/// .ics (same UID, the session's new SEQUENCE). The outbox dedup key carries the sequence, so a
/// retried request sends nothing twice and every later change is sent again.</summary>
public sealed class SessionNotices(IDb db, IOutbox outbox, EnrollmentEmails emails)
{
    /// <summary>Whether a trainee's calendar must follow the change: times, place or online link.</summary>
    public static bool Changed(SessionRow before, SessionRow after) =>
        before.StartsAt != after.StartsAt || before.EndsAt != after.EndsAt
        || !string.Equals(before.Place, after.Place, StringComparison.Ordinal)
        || !string.Equals(before.OnlineUrl, after.OnlineUrl, StringComparison.Ordinal);

    /// <summary>Enrolled trainees get the update (METHOD:REQUEST).</summary>
    public Task<int> SessionChangedAsync(long sessionId, CancellationToken ct) =>
        NotifyAsync(sessionId, EnrollmentEmails.SessionChanged, "'enrolled'", ct);

    /// <summary>Everyone still enrolled, waitlisted or awaiting confirmation gets the cancellation (METHOD:CANCEL).</summary>
    public Task<int> SessionCancelledAsync(long sessionId, CancellationToken ct) =>
        NotifyAsync(sessionId, EnrollmentEmails.SessionCancelled, "'enrolled', 'waitlisted', 'requested'", ct);

    private Task<int> NotifyAsync(long sessionId, string template, string states, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var rows = await c.QueryAsync<EnrollmentRow>(
                $"SELECT {EnrollmentWorkflow.RowColumns} WHERE e.session_id = @sessionId AND e.state IN ({states}) ORDER BY e.id", new { sessionId }, tx);
            var sent = 0;
            foreach (var row in rows)
                if (await EnqueueAsync(c, tx, template, row)) sent++;
            return sent;
        }, ct);

    private Task<bool> EnqueueAsync(DbConnection c, DbTransaction tx, string template, EnrollmentRow row)
    {
        var dedup = $"training:{template}:{row.Id}:{row.Sequence}";
        return outbox.EnqueueAsync(c, tx, emails.Build(template, row, dedup), dedup);
    }
}
