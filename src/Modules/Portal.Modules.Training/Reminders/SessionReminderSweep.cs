using Dapper;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Training.Enrollments;

namespace Portal.Modules.Training.Reminders;

/// <summary>Reminds enrolled trainees 3 days and 1 day before their session starts (scheduled sessions
/// only). Each reminder is a tr_reminders row inserted with ON CONFLICT DO NOTHING in the transaction
/// that enqueues the email, so it goes out once per enrollment and kind however often and on however
/// many nodes the sweep runs. Enrolled less than a day before, a trainee gets only the 1-day reminder.</summary>
internal sealed class SessionReminderSweep(IDb db, IOutbox outbox, EnrollmentEmails emails, TimeProvider clock) : ISweep
{
    public string Name => "training.reminders";

    public TimeSpan Interval => TimeSpan.FromMinutes(15);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await RemindAsync("d1", now, now.AddDays(1), ct);
        await RemindAsync("d3", now.AddDays(1), now.AddDays(3), ct);
    }

    private const string Due = """
        e.state = 'enrolled' AND s.status = 'scheduled' AND s.starts_at > @from AND s.starts_at <= @to
        AND NOT EXISTS (SELECT 1 FROM tr_reminders r WHERE r.enrollment_id = e.id AND r.kind = @kind)
        """;

    private async Task RemindAsync(string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        List<long> due;
        await using (var c = await db.OpenAsync(ct))
            due = [.. await c.QueryAsync<long>($"""
                SELECT e.id FROM tr_enrollments e JOIN tr_sessions s ON s.id = e.session_id WHERE {Due} ORDER BY s.starts_at, e.id
                """, new { kind, from, to })];
        foreach (var id in due)
            await db.WriteAsync(async (c, tx) =>
            {
                var row = await c.QuerySingleOrDefaultAsync<EnrollmentRow>(
                    $"SELECT {EnrollmentWorkflow.RowColumns} WHERE e.id = @id AND {Due}", new { id, kind, from, to }, tx);
                if (row is null) return false;
                var inserted = await c.ExecuteAsync(
                    "INSERT INTO tr_reminders (enrollment_id, kind, sent_at) VALUES (@id, @kind, @now) ON CONFLICT DO NOTHING",
                    new { id, kind, now = clock.GetUtcNow() }, tx);
                if (inserted != 1) return false;
                var english = row.TraineeLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase);
                var when = (kind, english) switch
                {
                    ("d3", true) => "in three days",
                    ("d3", false) => "三天后",
                    (_, true) => "within a day",
                    _ => "一天内",
                };
                var dedup = $"training:reminder:{kind}:{id}";
                await outbox.EnqueueAsync(c, tx, emails.Build(EnrollmentEmails.Reminder, row, dedup, new Dictionary<string, string> { ["when"] = when }), dedup);
                return true;
            }, ct);
    }
}
