using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Training.Enrollments;

namespace Portal.Modules.Training.Calendars;

/// <summary>The .ics behind a user's feed URL: their enrolled sessions of the last half year and
/// ahead; a cancelled session or enrollment stays in as STATUS:CANCELLED so subscribed calendars
/// remove it. One entry per session (the UID is per session and trainee): a live enrollment wins.</summary>
public sealed class PersonalFeed(IDb db, SessionCalendar calendar, TimeProvider clock)
{
    public async Task<string> ForUserAsync(long userId, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddMonths(-6);
        List<EnrollmentRow> rows;
        HashSet<long> cancelledSessions;
        await using (var c = await db.OpenAsync(ct))
        {
            rows = [.. await c.QueryAsync<EnrollmentRow>($"""
                SELECT {EnrollmentWorkflow.RowColumns}
                WHERE e.trainee_user_id = @userId AND e.state IN ('enrolled', 'cancelled') AND s.starts_at >= @since
                ORDER BY s.starts_at, e.id
                """, new { userId, since })];
            cancelledSessions = [.. await c.QueryAsync<long>("""
                SELECT s.id FROM tr_sessions s
                WHERE s.status = 'cancelled' AND s.id IN (SELECT e.session_id FROM tr_enrollments e WHERE e.trainee_user_id = @userId)
                """, new { userId })];
        }
        var entries = rows
            .GroupBy(r => r.SessionId)
            .Select(g => g.FirstOrDefault(r => r.State == "enrolled") ?? g.Last())
            .OrderBy(r => r.StartsAt)
            .Select(r => (r, r.State == "cancelled" || cancelledSessions.Contains(r.SessionId)));
        return calendar.Feed(entries);
    }
}
