using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Training.Sessions;

namespace Portal.Modules.Training.Enrollments;

/// <summary>Seats taken = enrollments that hold one (state enrolled), per session.</summary>
internal sealed class EnrolledSeats(IDb db) : ISessionSeats
{
    public async Task<IReadOnlyDictionary<long, int>> TakenAsync(IReadOnlyCollection<long> sessions, CancellationToken ct)
    {
        if (sessions.Count == 0) return new Dictionary<long, int>();
        // One named parameter per id: the same SQL on SQLite and PostgreSQL.
        var args = new DynamicParameters();
        var names = sessions.Select((id, i) =>
        {
            args.Add($"s{i}", id);
            return $"@s{i}";
        }).ToList();
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Session, long Taken)>($"""
            SELECT session_id, COUNT(*) FROM tr_enrollments WHERE state = 'enrolled' AND session_id IN ({string.Join(", ", names)}) GROUP BY session_id
            """, args);
        return rows.ToDictionary(r => r.Session, r => (int)r.Taken);
    }
}
