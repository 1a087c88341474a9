using System.Globalization;
using Dapper;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Notifications.Contracts;
using Portal.Modules.Surveys.Invitations;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Reminders;

/// <summary>Reminds those who have not answered: at most two reminders, the first 3 days and the second 7 days after
/// the invitation, never after an answer or the expiry, never to someone who turned survey emails off. A sweep that
/// ran late sends only the reminder due now (day 8 with none sent: the second, once). Each reminder is a conditional
/// update of reminders_sent plus its email in one transaction, keyed surveys.reminder:{id}:{n}, so nodes sweeping at
/// once or a re-run send it once.</summary>
internal sealed class ReminderSweep(IDb db, IOutbox outbox, InvitationStore invitations, TimeProvider clock, DisplayTime time) : ISweep
{
    public const string EmailTemplate = "surveys.reminder";
    public static readonly TimeSpan FirstAfter = TimeSpan.FromDays(3);
    public static readonly TimeSpan SecondAfter = TimeSpan.FromDays(7);
    private const int Batch = 200;

    public string Name => "surveys.reminders";

    public TimeSpan Interval => TimeSpan.FromMinutes(15);

    private sealed class Due
    {
        public long Id { get; set; }
        public long? UserId { get; set; }
        public string Email { get; set; } = "";
        public string Language { get; set; } = "";
        public string SubjectLabel { get; set; } = "";
        public string? TokenProtected { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public int RemindersSent { get; set; }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lastId = 0L;
        while (true)
        {
            List<Due> due;
            await using (var c = await db.OpenAsync(ct))
                due = [.. await c.QueryAsync<Due>(new CommandDefinition("""
                    SELECT id AS Id, user_id AS UserId, email AS Email, language AS Language, subject_label AS SubjectLabel,
                        token_protected AS TokenProtected, created_at AS CreatedAt, expires_at AS ExpiresAt, reminders_sent AS RemindersSent
                    FROM sv_invitations
                    WHERE answered_at IS NULL AND reminders_sent < 2 AND expires_at > @now AND id > @lastId
                        AND ((reminders_sent = 0 AND created_at <= @first) OR (reminders_sent = 1 AND created_at <= @second))
                    ORDER BY id LIMIT @Batch
                    """, new { now, lastId, first = now - FirstAfter, second = now - SecondAfter, Batch }, cancellationToken: ct))];
            if (due.Count == 0) return;
            lastId = due[^1].Id;
            var quiet = await invitations.OptedOutAsync(due.Select(d => d.UserId), ct);
            foreach (var d in due) await RemindAsync(d, now, d.UserId is { } user && quiet.Contains(user), ct);
            if (due.Count < Batch) return;
        }
    }

    /// <summary>Counts the reminder as given and emails it, unless another node did first. For someone who opted out (or
    /// whose link cannot be recovered) the reminder is counted but not sent: a reminder skipped is not owed later.</summary>
    private Task RemindAsync(Due d, DateTimeOffset now, bool quiet, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var number = now - d.CreatedAt >= SecondAfter ? 2 : 1;
            var claimed = await c.ExecuteAsync("""
                UPDATE sv_invitations SET reminders_sent = @number
                WHERE id = @Id AND reminders_sent = @RemindersSent AND answered_at IS NULL
                """, new { number, d.Id, d.RemindersSent }, tx);
            if (claimed == 0 || quiet || invitations.Unprotect(d.TokenProtected) is not { } token) return;
            var english = d.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["subject"] = d.SubjectLabel,
                ["link"] = invitations.Link(token),
                ["expires"] = time.Date(d.ExpiresAt),
            };
            var key = string.Create(CultureInfo.InvariantCulture, $"{EmailTemplate}:{d.Id}:{number}");
            var email = new EmailRequested(d.Email, EmailTemplate, english ? "en" : "zh-CN", values, key);
            await outbox.EnqueueAsync(c, tx, email, key);
        }, ct);
}
