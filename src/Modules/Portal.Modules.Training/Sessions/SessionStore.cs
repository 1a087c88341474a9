using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Training.Sessions;

/// <summary>tr_sessions. Every change a trainee's calendar must follow increments sequence.</summary>
internal sealed class SessionStore(IDb db, TimeProvider clock)
{
    private const string Select = """
        SELECT s.id AS Id, s.course_id AS CourseId, s.starts_at AS StartsAt, s.ends_at AS EndsAt, s.place AS Place, s.online_url AS OnlineUrl,
            s.instructor AS Instructor, s.capacity AS Capacity, s.enroll_until AS EnrollUntil, s.status AS Status, s.sequence AS Sequence,
            c.code AS CourseCode, c.title_zh AS TitleZh, c.title_en AS TitleEn, c.product_code AS ProductCode, c.audience AS Audience,
            c.level AS Level, c.mode AS Mode
        FROM tr_sessions s JOIN tr_courses c ON c.id = s.course_id
        """;

    public enum Outcome { Done, NotFound, UnknownCourse, NotScheduled, CapacityBelowEnrolled }

    public async Task<SessionRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(Select + " WHERE s.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Sessions starting in [from, to), any status, in start order.</summary>
    public async Task<IReadOnlyList<SessionRow>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, SessionFilter filter, CancellationToken ct)
    {
        var (where, args) = Where(filter);
        args.Add("from", from);
        args.Add("to", to);
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<SessionRow>(new CommandDefinition(
            Select + " WHERE s.starts_at >= @from AND s.starts_at < @to" + where + " ORDER BY s.starts_at, s.id", args, cancellationToken: ct))];
    }

    /// <summary>Scheduled sessions that have not started, in start order, one page.</summary>
    public async Task<(IReadOnlyList<SessionRow> Rows, long Total)> UpcomingAsync(SessionFilter filter, int page, int size, CancellationToken ct)
    {
        var (where, args) = Where(filter);
        args.Add("now", clock.GetUtcNow());
        args.Add("skip", (page - 1) * size);
        args.Add("take", size);
        var condition = " WHERE s.status = 'scheduled' AND s.starts_at > @now" + where;
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM tr_sessions s JOIN tr_courses c ON c.id = s.course_id" + condition, args, cancellationToken: ct));
        var rows = await c.QueryAsync<SessionRow>(new CommandDefinition(
            Select + condition + " ORDER BY s.starts_at, s.id LIMIT @take OFFSET @skip", args, cancellationToken: ct));
        return ([.. rows], total);
    }

    /// <summary>All sessions for staff, newest start first, one page.</summary>
    public async Task<(IReadOnlyList<SessionRow> Rows, long Total)> AllAsync(int page, int size, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM tr_sessions", cancellationToken: ct));
        var rows = await c.QueryAsync<SessionRow>(new CommandDefinition(
            Select + " ORDER BY s.starts_at DESC, s.id DESC LIMIT @take OFFSET @skip", new { take = size, skip = (page - 1) * size }, cancellationToken: ct));
        return ([.. rows], total);
    }

    /// <summary>Scheduled sessions starting within <paramref name="days"/> days whose course has no materials.</summary>
    public async Task<IReadOnlyList<SessionRow>> LackingMaterialsAsync(int days, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<SessionRow>(new CommandDefinition(Select + """
             WHERE s.status = 'scheduled' AND s.starts_at > @now AND s.starts_at <= @until
               AND NOT EXISTS (SELECT 1 FROM tr_materials m WHERE m.course_id = s.course_id)
             ORDER BY s.starts_at, s.id
            """, new { now, until = now.AddDays(days) }, cancellationToken: ct))];
    }

    /// <summary>Creates or changes a session. Id is the session's; with CapacityBelowEnrolled it is the number already enrolled.</summary>
    public async Task<(Outcome Outcome, long Id)> SaveAsync(long? id, long courseId, SessionRules.Times times, SessionInput input, CancellationToken ct)
    {
        var args = new
        {
            id, course = courseId, starts = times.Starts, ends = times.Ends, until = times.EnrollUntil,
            place = input.Place?.Trim() ?? "", url = input.OnlineUrl?.Trim() ?? "", instructor = input.Instructor?.Trim() ?? "",
            capacity = input.Capacity!.Value, now = clock.GetUtcNow(),
        };
        return await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long?>("SELECT id FROM tr_courses WHERE id = @course", args, tx) is null) return (Outcome.UnknownCourse, 0L);
            if (id is null)
            {
                var created = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO tr_sessions (course_id, starts_at, ends_at, place, online_url, instructor, capacity, enroll_until, created_at, updated_at)
                    VALUES (@course, @starts, @ends, @place, @url, @instructor, @capacity, @until, @now, @now)
                    RETURNING id
                    """, args, tx);
                return (Outcome.Done, created);
            }
            var status = await c.ExecuteScalarAsync<string?>("SELECT status FROM tr_sessions WHERE id = @id", args, tx);
            if (status is null) return (Outcome.NotFound, 0L);
            if (status != "scheduled") return (Outcome.NotScheduled, 0L);
            // Seats already given stay given: the capacity cannot drop below them (checked under the write lock).
            var enrolled = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tr_enrollments WHERE session_id = @id AND state = 'enrolled'", args, tx);
            if (args.capacity < enrolled) return (Outcome.CapacityBelowEnrolled, enrolled);
            await c.ExecuteAsync("""
                UPDATE tr_sessions SET course_id = @course, starts_at = @starts, ends_at = @ends, place = @place, online_url = @url,
                    instructor = @instructor, capacity = @capacity, enroll_until = @until,
                    sequence = sequence + 1, row_version = row_version + 1, updated_at = @now
                WHERE id = @id
                """, args, tx);
            return (Outcome.Done, id.Value);
        }, ct);
    }

    /// <summary>Cancels or completes a scheduled session.</summary>
    public Task<Outcome> SetStatusAsync(long id, string status, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var args = new { id, status, now = clock.GetUtcNow() };
            var current = await c.ExecuteScalarAsync<string?>("SELECT status FROM tr_sessions WHERE id = @id", args, tx);
            if (current is null) return Outcome.NotFound;
            if (current != "scheduled") return Outcome.NotScheduled;
            await c.ExecuteAsync("""
                UPDATE tr_sessions SET status = @status, sequence = sequence + 1, row_version = row_version + 1, updated_at = @now WHERE id = @id
                """, args, tx);
            return Outcome.Done;
        }, ct);

    private static (string Sql, DynamicParameters Args) Where(SessionFilter filter)
    {
        var f = filter.Clean();
        var sql = "";
        var args = new DynamicParameters();
        if (f.Product is not null) { sql += " AND c.product_code = @product"; args.Add("product", f.Product); }
        if (f.Mode is not null) { sql += " AND c.mode = @mode"; args.Add("mode", f.Mode); }
        if (f.Audience is not null) { sql += " AND c.audience = @audience"; args.Add("audience", f.Audience); }
        return (sql, args);
    }
}
