using Dapper;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Training.Reports;

/// <summary>The numbers behind the staff reports. Sorting happens here from allow-listed keys, never in SQL text.</summary>
internal sealed class TrainingReports(IDb db, IMediator mediator, TimeProvider clock)
{
    public static readonly string[] RosterSorts = ["name", "organisation", "status"];
    public static readonly string[] AttendanceSorts = ["course", "rate", "sessions"];
    public static readonly string[] UseSorts = ["organisation", "used", "left"];

    /// <summary>Every enrollment of the session (cancelled ones included, they are part of its history).</summary>
    public async Task<IReadOnlyList<RosterLine>> RosterAsync(long sessionId, string? sort, CancellationToken ct)
    {
        List<RosterLine> lines;
        await using (var c = await db.OpenAsync(ct))
        {
            lines = [.. await c.QueryAsync<RosterLine>(new CommandDefinition("""
                SELECT id AS EnrollmentId, organisation_id AS OrganisationId, trainee_name AS TraineeName, trainee_email AS TraineeEmail,
                    state AS State, billing AS Billing, attendance AS Attendance, waitlist_position AS WaitlistPosition
                FROM tr_enrollments WHERE session_id = @sessionId ORDER BY id
                """, new { sessionId }, cancellationToken: ct))];
        }
        var names = await OrganisationsAsync(ct);
        foreach (var l in lines) l.Organisation = names.TryGetValue(l.OrganisationId, out var o) ? o.Name : "";
        return sort switch
        {
            "organisation" => [.. lines.OrderBy(l => l.Organisation, StringComparer.Ordinal).ThenBy(l => l.TraineeName, StringComparer.Ordinal)],
            "status" => [.. lines.OrderBy(l => StateOrder(l.State)).ThenBy(l => l.WaitlistPosition).ThenBy(l => l.TraineeName, StringComparer.Ordinal)],
            _ => [.. lines.OrderBy(l => l.TraineeName, StringComparer.Ordinal).ThenBy(l => l.EnrollmentId)],
        };
    }

    /// <summary>Per course, the sessions held that started in [from, to).</summary>
    public async Task<IReadOnlyList<CourseAttendance>> AttendanceAsync(DateTimeOffset from, DateTimeOffset to, string? sort, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<CourseAttendance>(new CommandDefinition("""
            SELECT c.id AS CourseId, c.code AS Code, c.title_zh AS TitleZh, c.title_en AS TitleEn,
                COUNT(DISTINCT s.id) AS Sessions,
                SUM(CASE WHEN e.state = 'enrolled' THEN 1 ELSE 0 END) AS Enrolled,
                SUM(CASE WHEN e.state = 'enrolled' AND e.attendance = 'attended' THEN 1 ELSE 0 END) AS Attended,
                SUM(CASE WHEN e.state = 'enrolled' AND e.attendance = 'absent' THEN 1 ELSE 0 END) AS Absent
            FROM tr_courses c
            JOIN tr_sessions s ON s.course_id = c.id
            LEFT JOIN tr_enrollments e ON e.session_id = s.id
            WHERE s.status <> 'cancelled' AND (s.status = 'completed' OR s.ends_at <= @now)
              AND s.starts_at >= @from AND s.starts_at < @to
            GROUP BY c.id, c.code, c.title_zh, c.title_en
            """, new { from, to, now = clock.GetUtcNow() }, cancellationToken: ct))).ToList();
        return sort switch
        {
            "rate" => [.. rows.OrderByDescending(r => r.RatePercent ?? -1).ThenBy(r => r.Code, StringComparer.Ordinal)],
            "sessions" => [.. rows.OrderByDescending(r => r.Sessions).ThenBy(r => r.Code, StringComparer.Ordinal)],
            _ => [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal)],
        };
    }

    /// <summary>Free trainings per organisation and contract year for contract years starting in <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<OrganisationTrainingUse>> UsesAsync(int year, string? sort, CancellationToken ct)
    {
        var years = await mediator.Send(new ListTrainingYearUses(year), ct);
        var names = await OrganisationsAsync(ct);
        var rows = years.Select(y =>
        {
            var o = names.GetValueOrDefault(y.OrganisationId);
            return new OrganisationTrainingUse(y.OrganisationId, o?.Code ?? "", o?.Name ?? "", y.ProductCode, y.YearStart, y.YearEnd, y.Allowed, y.Used);
        }).ToList();
        return sort switch
        {
            "used" => [.. rows.OrderByDescending(r => r.Used).ThenBy(r => r.OrganisationName, StringComparer.Ordinal).ThenBy(r => r.YearStart)],
            "left" => [.. rows.OrderByDescending(r => r.Left).ThenBy(r => r.OrganisationName, StringComparer.Ordinal).ThenBy(r => r.YearStart)],
            _ => [.. rows.OrderBy(r => r.OrganisationName, StringComparer.Ordinal).ThenBy(r => r.ProductCode, StringComparer.Ordinal).ThenBy(r => r.YearStart)],
        };
    }

    private async Task<Dictionary<long, OrganisationInfo>> OrganisationsAsync(CancellationToken ct) =>
        (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id);

    private static int StateOrder(string state) => state switch { "enrolled" => 0, "waitlisted" => 1, "requested" => 2, _ => 3 };
}
