using System.Globalization;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Training.Certificates;
using Portal.Modules.Training.Contracts;
using Portal.Web.Formatting;

namespace Portal.Modules.Training.Attendance;

/// <summary>Staff record who attended a session. One transaction per save: the marks, the certificates
/// of a certifying course (one per enrollment, kept when a mark is later corrected) and a
/// <see cref="SessionAttended"/> per attended enrollment in the outbox (deduplicated per enrollment).</summary>
public sealed class AttendanceWorkflow(IDb db, IOutbox outbox, TimeProvider clock, DisplayTime time)
{
    public const string Attended = "attended";
    public const string Absent = "absent";

    private sealed class SessionFacts
    {
        public long CourseId { get; init; }
        public bool Certifies { get; init; }
        public int CertificateMonths { get; init; }
        public string TitleZh { get; init; } = "";
        public string TitleEn { get; init; } = "";
        public DateTimeOffset StartsAt { get; init; }
        public string Status { get; init; } = "";
        public string ProductCode { get; init; } = "";
        public string Instructor { get; init; } = "";
    }

    private sealed class EnrolledFacts
    {
        public long Id { get; init; }
        public long OrganisationId { get; init; }
        public long TraineeUserId { get; init; }
        public string TraineeEmail { get; init; } = "";
        public string TraineeLanguage { get; init; } = "";
        public string? Attendance { get; init; }
    }

    public async Task<IReadOnlyList<RosterEntry>> RosterAsync(long sessionId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<RosterEntry>("""
            SELECT e.id AS EnrollmentId, e.organisation_id AS OrganisationId, e.trainee_name AS TraineeName, e.trainee_email AS TraineeEmail,
                e.attendance AS Attendance, t.number AS CertificateNumber
            FROM tr_enrollments e LEFT JOIN tr_certificates t ON t.enrollment_id = e.id
            WHERE e.session_id = @sessionId AND e.state = 'enrolled' ORDER BY e.trainee_name, e.id
            """, new { sessionId })];
    }

    /// <summary>Why attendance cannot be recorded for the session now, or null when it can.</summary>
    public AttendanceOutcome? Closed(DateTimeOffset startsAt, string status) =>
        status == "cancelled" ? AttendanceOutcome.SessionCancelled
        : status != "completed" && startsAt > clock.GetUtcNow() ? AttendanceOutcome.NotStarted
        : null;

    /// <summary>Saves <paramref name="marks"/> (enrollment id → attended/absent; anything else is left as it is).</summary>
    public Task<AttendanceOutcome> RecordAsync(long sessionId, long staffUserId, IReadOnlyDictionary<long, string> marks, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var session = await c.QuerySingleOrDefaultAsync<SessionFacts>("""
                SELECT c.id AS CourseId, c.certifies AS Certifies, c.certificate_months AS CertificateMonths, c.title_zh AS TitleZh,
                    c.title_en AS TitleEn, s.starts_at AS StartsAt, s.status AS Status,
                    c.product_code AS ProductCode, s.instructor AS Instructor
                FROM tr_sessions s JOIN tr_courses c ON c.id = s.course_id WHERE s.id = @sessionId
                """, new { sessionId }, tx);
            if (session is null) return AttendanceOutcome.NotFound;
            if (Closed(session.StartsAt, session.Status) is { } closed) return closed;
            var now = clock.GetUtcNow();
            var today = time.Day(now);
            var enrolled = (await c.QueryAsync<EnrolledFacts>("""
                SELECT id AS Id, organisation_id AS OrganisationId, trainee_user_id AS TraineeUserId, trainee_email AS TraineeEmail,
                    trainee_language AS TraineeLanguage, attendance AS Attendance
                FROM tr_enrollments WHERE session_id = @sessionId AND state = 'enrolled'
                """, new { sessionId }, tx)).ToDictionary(e => e.Id);
            foreach (var (id, mark) in marks)
            {
                if (mark is not (Attended or Absent) || !enrolled.TryGetValue(id, out var e)) continue;
                if (e.Attendance != mark)
                    await c.ExecuteAsync("""
                        UPDATE tr_enrollments SET attendance = @mark, attendance_recorded_at = @now, attendance_recorded_by = @staffUserId, updated_at = @now
                        WHERE id = @id
                        """, new { mark, now, staffUserId, id }, tx);
                if (mark != Attended) continue;
                var number = session.Certifies
                    ? await CertificateStore.IssueAsync(c, tx, id, session.CourseId, session.CertificateMonths, today, now)
                    : null;
                var attended = new SessionAttended(id, sessionId, session.CourseId, session.TitleZh, session.TitleEn, e.OrganisationId, e.TraineeUserId,
                    e.TraineeEmail, e.TraineeLanguage, session.StartsAt, now, number, session.ProductCode, session.Instructor);
                await outbox.EnqueueAsync(c, tx, attended, string.Create(CultureInfo.InvariantCulture, $"training.attended:{id}"));
            }
            return AttendanceOutcome.Saved;
        }, ct);
}
