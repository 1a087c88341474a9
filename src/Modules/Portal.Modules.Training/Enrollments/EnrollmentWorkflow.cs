using System.Data.Common;
using System.Globalization;
using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Training.Enrollments;

/// <summary>Every change of an enrollment. Capacity is hard: the session row is locked (a no-op
/// update: a row lock on PostgreSQL; SQLite's write transactions are serial) before seats are
/// counted, so simultaneous enrollments queue. The free training is counted through ServiceContracts
/// (its own transaction, under "tr-session:{id}", one per organisation and session) before the
/// enrollment is written, and given back when the organisation ends up holding no free seat there.</summary>
public sealed class EnrollmentWorkflow(IDb db, IMediator mediator, IOutbox outbox, EnrollmentEmails emails, TimeProvider clock, IOptions<TrainingOptions> options)
{
    internal const string RowColumns = """
        e.id AS Id, e.session_id AS SessionId, e.organisation_id AS OrganisationId, e.trainee_user_id AS TraineeUserId,
        e.trainee_name AS TraineeName, e.trainee_email AS TraineeEmail, e.trainee_language AS TraineeLanguage,
        e.enrolled_by AS EnrolledBy, e.state AS State, e.billing AS Billing, e.waitlist_position AS WaitlistPosition,
        e.created_at AS CreatedAt, s.starts_at AS StartsAt, s.ends_at AS EndsAt, c.title_zh AS TitleZh, c.title_en AS TitleEn,
        s.place AS Place, s.online_url AS OnlineUrl, s.sequence AS Sequence, s.status AS SessionStatus, e.attendance AS Attendance
        FROM tr_enrollments e JOIN tr_sessions s ON s.id = e.session_id JOIN tr_courses c ON c.id = s.course_id
        """;

    public static string QuotaReference(long sessionId) => string.Create(CultureInfo.InvariantCulture, $"tr-session:{sessionId}");

    public async Task<SessionSummary?> SessionAsync(long sessionId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await SessionAsync(c, null, sessionId);
    }

    private static Task<SessionSummary?> SessionAsync(DbConnection c, DbTransaction? tx, long sessionId) =>
        c.QuerySingleOrDefaultAsync<SessionSummary>("""
            SELECT s.id AS Id, c.title_zh AS TitleZh, c.title_en AS TitleEn, s.starts_at AS StartsAt, s.ends_at AS EndsAt,
                s.enroll_until AS EnrollUntil, s.place AS Place, s.online_url AS OnlineUrl, s.instructor AS Instructor,
                s.capacity AS Capacity, s.status AS Status, s.sequence AS Sequence,
                (SELECT COUNT(*) FROM tr_enrollments e WHERE e.session_id = s.id AND e.state = 'enrolled') AS Enrolled
            FROM tr_sessions s JOIN tr_courses c ON c.id = s.course_id WHERE s.id = @sessionId
            """, new { sessionId }, tx);

    /// <summary>Why the session takes no enrollment now, or null when it does.</summary>
    public EnrollOutcome? Closed(SessionSummary session)
    {
        var now = clock.GetUtcNow();
        if (session.Status == "cancelled") return EnrollOutcome.SessionCancelled;
        if (session.Status == "completed" || session.StartsAt <= now) return EnrollOutcome.SessionPast;
        if (session.EnrollUntil < now) return EnrollOutcome.DeadlinePassed;
        return null;
    }

    public async Task<EnrollmentRow?> LiveAsync(long sessionId, long userId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<EnrollmentRow>(
            $"SELECT {RowColumns} WHERE e.session_id = @sessionId AND e.trainee_user_id = @userId AND e.state <> 'cancelled'", new { sessionId, userId });
    }

    public async Task<EnrollmentRow?> ByIdAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<EnrollmentRow>($"SELECT {RowColumns} WHERE e.id = @id", new { id });
    }

    public async Task<IReadOnlyList<EnrollmentRow>> OfTraineeAsync(long userId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<EnrollmentRow>($"""
            SELECT CASE WHEN e.state = 'waitlisted' THEN (SELECT COUNT(*) FROM tr_enrollments w WHERE w.session_id = e.session_id
                AND w.state = 'waitlisted' AND w.waitlist_position <= e.waitlist_position) END AS WaitlistPlace, {RowColumns}
            WHERE e.trainee_user_id = @userId ORDER BY s.starts_at DESC, e.id DESC
            """, new { userId })];
    }

    public async Task<IReadOnlyList<EnrollmentRow>> InStateAsync(string state, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<EnrollmentRow>($"SELECT {RowColumns} WHERE e.state = @state ORDER BY s.starts_at, e.id", new { state })];
    }

    public async Task<IReadOnlyList<EnrollmentRow>> OfSessionAsync(long sessionId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<EnrollmentRow>($"SELECT {RowColumns} WHERE e.session_id = @sessionId ORDER BY e.id", new { sessionId })];
    }

    /// <summary>Enrolls <paramref name="trainee"/> (already checked to belong to <paramref name="organisationId"/>).</summary>
    public async Task<EnrollOutcome> EnrollAsync(long sessionId, long organisationId, OrganisationContact trainee, long actorUserId, CancellationToken ct)
    {
        if (await SessionAsync(sessionId, ct) is not { } session) return EnrollOutcome.NotFound;
        if (Closed(session) is { } closed) return closed;
        if (await LiveAsync(sessionId, trainee.UserId, ct) is not null) return EnrollOutcome.AlreadyEnrolled;

        var now = clock.GetUtcNow();
        var free = await mediator.Send(new RecordTrainingUse(organisationId, QuotaReference(sessionId), now), ct) == TrainingUseResult.Recorded;
        EnrollOutcome outcome;
        try
        {
            outcome = await db.WriteAsync(async (c, tx) =>
            {
                await LockSessionAsync(c, tx, sessionId);
                var locked = (await SessionAsync(c, tx, sessionId))!;
                if (Closed(locked) is { } nowClosed) return nowClosed;
                var state = !free ? "requested" : locked.Enrolled < locked.Capacity ? "enrolled" : "waitlisted";
                var id = await c.ExecuteScalarAsync<long>($"""
                    INSERT INTO tr_enrollments (session_id, organisation_id, trainee_user_id, trainee_name, trainee_email, trainee_language,
                        enrolled_by, state, billing, waitlist_position, created_at, updated_at)
                    VALUES (@sessionId, @organisationId, @UserId, @DisplayName, @Email, @Language, @actorUserId, @state, @billing,
                        {(state == "waitlisted" ? NextPosition : "NULL")}, @now, @now)
                    RETURNING id
                    """, new { sessionId, organisationId, trainee.UserId, trainee.DisplayName, trainee.Email, trainee.Language, actorUserId,
                    state, billing = free ? "free" : "paid", now }, tx);
                var template = state switch { "enrolled" => EnrollmentEmails.Enrolled, "waitlisted" => EnrollmentEmails.Waitlisted, _ => EnrollmentEmails.Requested };
                await EmailAsync(c, tx, template, id, $"enrolled:{id}");
                return state switch { "enrolled" => EnrollOutcome.Enrolled, "waitlisted" => EnrollOutcome.Waitlisted, _ => EnrollOutcome.Requested };
            }, ct);
        }
        catch (DbException)
        {
            // The partial unique index caught a simultaneous duplicate; anything else is a real failure.
            if (free) await ReleaseIfUnusedAsync(organisationId, sessionId, ct);
            if (await LiveAsync(sessionId, trainee.UserId, ct) is null) throw;
            return EnrollOutcome.AlreadyEnrolled;
        }
        if (free && outcome != EnrollOutcome.Enrolled) await ReleaseIfUnusedAsync(organisationId, sessionId, ct);
        return outcome;
    }

    /// <summary>The trainee, or whoever enrolled them, cancels until the cut-off before the start. A
    /// seat given back goes to the waitlist.</summary>
    public async Task<CancelOutcome> CancelAsync(long enrollmentId, long userId, long organisationId, CancellationToken ct)
    {
        if (await ByIdAsync(enrollmentId, ct) is not { } row || row.State == "cancelled" || row.OrganisationId != organisationId
            || (row.TraineeUserId != userId && row.EnrolledBy != userId)) return CancelOutcome.NotFound;
        if (row.SessionStatus != "scheduled") return CancelOutcome.NotFound;
        if (clock.GetUtcNow() > row.StartsAt - options.Value.CancelCutOff) return CancelOutcome.TooLate;
        await CancelRowAsync(row, ct);
        return CancelOutcome.Cancelled;
    }

    /// <summary>Staff decide a paid request: confirmed → enrolled when a seat is free, else waitlisted; declined → cancelled.</summary>
    public async Task<bool> DecideRequestAsync(long enrollmentId, bool confirm, CancellationToken ct)
    {
        if (await ByIdAsync(enrollmentId, ct) is not { State: "requested" } row) return false;
        if (!confirm)
        {
            await CancelRowAsync(row, ct);
            return true;
        }
        return await db.WriteAsync(async (c, tx) =>
        {
            await LockSessionAsync(c, tx, row.SessionId);
            var session = (await SessionAsync(c, tx, row.SessionId))!;
            var state = session.Enrolled < session.Capacity ? "enrolled" : "waitlisted";
            var changed = await c.ExecuteAsync($"""
                UPDATE tr_enrollments SET state = @state, billing = 'paid', updated_at = @now,
                    waitlist_position = {(state == "waitlisted" ? NextPosition : "NULL")}
                WHERE id = @Id AND state = 'requested'
                """, new { state, row.Id, row.SessionId, sessionId = row.SessionId, now = clock.GetUtcNow() }, tx);
            if (changed == 1)
                await EmailAsync(c, tx, state == "enrolled" ? EnrollmentEmails.Enrolled : EnrollmentEmails.Waitlisted, row.Id, $"confirmed:{row.Id}");
            return changed == 1;
        }, ct);
    }

    private async Task CancelRowAsync(EnrollmentRow row, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = await db.WriteAsync(async (c, tx) =>
        {
            await LockSessionAsync(c, tx, row.SessionId);
            var n = await c.ExecuteAsync("""
                UPDATE tr_enrollments SET state = 'cancelled', waitlist_position = NULL, cancelled_at = @now, updated_at = @now
                WHERE id = @Id AND state <> 'cancelled'
                """, new { row.Id, now }, tx);
            if (n == 1)
            {
                // The trainee's calendar follows the cancellation (METHOD:CANCEL with a higher SEQUENCE).
                await c.ExecuteAsync("UPDATE tr_sessions SET sequence = sequence + 1 WHERE id = @SessionId", new { row.SessionId }, tx);
                await EmailAsync(c, tx, EnrollmentEmails.Cancelled, row.Id, $"cancelled:{row.Id}");
            }
            return n == 1;
        }, ct);
        if (!changed) return;
        if (row is { State: "enrolled", Billing: "free" }) await ReleaseIfUnusedAsync(row.OrganisationId, row.SessionId, ct);
        if (row.State == "enrolled") await PromoteAsync(row.SessionId, ct);
    }

    /// <summary>Fills free seats from the waitlist, first in line first. A staff-confirmed (paid) entry
    /// takes the seat; a free one needs a training left, else it becomes a paid request and the next one is asked.</summary>
    public async Task PromoteAsync(long sessionId, CancellationToken ct)
    {
        while (true)
        {
            EnrollmentRow? next;
            await using (var c = await db.OpenAsync(ct))
                next = await c.QueryFirstOrDefaultAsync<EnrollmentRow>(
                    $"SELECT {RowColumns} WHERE e.session_id = @sessionId AND e.state = 'waitlisted' ORDER BY e.waitlist_position", new { sessionId });
            if (next is null) return;
            var session = await SessionAsync(sessionId, ct);
            if (session is null || session.Status != "scheduled" || session.Enrolled >= session.Capacity) return;

            var free = next.Billing == "paid" || await mediator.Send(new RecordTrainingUse(next.OrganisationId, QuotaReference(sessionId), clock.GetUtcNow()), ct) == TrainingUseResult.Recorded;
            var result = await db.WriteAsync(async (c, tx) =>
            {
                await LockSessionAsync(c, tx, sessionId);
                var locked = (await SessionAsync(c, tx, sessionId))!;
                if (locked.Enrolled >= locked.Capacity) return "full";
                var state = free ? "enrolled" : "requested";
                var n = await c.ExecuteAsync("""
                    UPDATE tr_enrollments SET state = @state, billing = @billing, waitlist_position = NULL, updated_at = @now
                    WHERE id = @Id AND state = 'waitlisted'
                    """, new { state, billing = free ? next.Billing : "paid", next.Id, now = clock.GetUtcNow() }, tx);
                if (n == 1) await EmailAsync(c, tx, free ? EnrollmentEmails.Promoted : EnrollmentEmails.Requested, next.Id, $"promoted:{next.Id}");
                return n == 1 ? state : "gone";
            }, ct);
            if (free && next.Billing == "free" && result != "enrolled") await ReleaseIfUnusedAsync(next.OrganisationId, sessionId, ct);
            if (result == "full") return;
        }
    }

    /// <summary>The vendor cancelled the session: every organisation holding a free seat gets its training back.
    /// The enrollments stay as they were, under a cancelled session, so the trainees' history keeps them.</summary>
    public async Task ReleaseCancelledSessionAsync(long sessionId, CancellationToken ct)
    {
        IEnumerable<long> organisations;
        await using (var c = await db.OpenAsync(ct))
            organisations = await c.QueryAsync<long>("""
                SELECT DISTINCT e.organisation_id FROM tr_enrollments e JOIN tr_sessions s ON s.id = e.session_id
                WHERE e.session_id = @sessionId AND s.status = 'cancelled' AND e.state = 'enrolled' AND e.billing = 'free'
                """, new { sessionId });
        foreach (var organisation in organisations)
            await mediator.Send(new ReleaseTrainingUse(organisation, QuotaReference(sessionId), clock.GetUtcNow()), ct);
    }

    /// <summary>Gives the organisation's free training for the session back unless one of its trainees still holds a free seat there.</summary>
    private async Task ReleaseIfUnusedAsync(long organisationId, long sessionId, CancellationToken ct)
    {
        long holding;
        await using (var c = await db.OpenAsync(ct))
            holding = await c.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM tr_enrollments
                WHERE session_id = @sessionId AND organisation_id = @organisationId AND state = 'enrolled' AND billing = 'free'
                """, new { sessionId, organisationId });
        if (holding == 0) await mediator.Send(new ReleaseTrainingUse(organisationId, QuotaReference(sessionId), clock.GetUtcNow()), ct);
    }

    // Positions only grow within a session, so the line keeps its order across promotions and cancellations.
    private const string NextPosition = "(SELECT COALESCE(MAX(w.waitlist_position), 0) + 1 FROM tr_enrollments w WHERE w.session_id = @sessionId)";

    private static Task LockSessionAsync(DbConnection c, DbTransaction tx, long sessionId) =>
        c.ExecuteAsync("UPDATE tr_sessions SET row_version = row_version WHERE id = @sessionId", new { sessionId }, tx);

    private async Task EmailAsync(DbConnection c, DbTransaction tx, string template, long enrollmentId, string key)
    {
        var row = await c.QuerySingleAsync<EnrollmentRow>($"SELECT {RowColumns} WHERE e.id = @enrollmentId", new { enrollmentId }, tx);
        var dedup = "training:" + key;
        await outbox.EnqueueAsync(c, tx, emails.Build(template, row, dedup), dedup);
    }
}
