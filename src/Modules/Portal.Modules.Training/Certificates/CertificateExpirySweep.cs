using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Notifications.Contracts;
using Portal.Web.Formatting;

namespace Portal.Modules.Training.Certificates;

/// <summary>Emails the holder of a valid certificate once, <see cref="ReminderDays"/> days before it
/// expires. reminded_at is set by a conditional update in the transaction that enqueues the email, so
/// nodes running the sweep at once send one reminder.</summary>
internal sealed class CertificateExpirySweep(IDb db, IOutbox outbox, TimeProvider clock, DisplayTime time, IOptions<PortalOptions> portal) : ISweep
{
    public const string Template = "training.certificate-expiring";
    public const int ReminderDays = 60;

    public string Name => "training.certificate-expiry";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = time.Day(now);
        List<CertificateRow> due;
        await using (var c = await db.OpenAsync(ct))
            due = [.. await c.QueryAsync<CertificateRow>("""
                SELECT id AS Id, number AS Number, trainee_name AS TraineeName, trainee_email AS TraineeEmail, trainee_language AS TraineeLanguage,
                    course_title_zh AS CourseTitleZh, course_title_en AS CourseTitleEn, issued_on AS IssuedOn, expires_on AS ExpiresOn
                FROM tr_certificates
                WHERE revoked_at IS NULL AND reminded_at IS NULL AND expires_on >= @today AND expires_on <= @until ORDER BY id
                """, new { today, until = today.AddDays(ReminderDays) })];
        foreach (var row in due)
        {
            await db.WriteAsync(async (c, tx) =>
            {
                var claimed = await c.ExecuteAsync("UPDATE tr_certificates SET reminded_at = @now WHERE id = @Id AND reminded_at IS NULL AND revoked_at IS NULL",
                    new { now, row.Id }, tx);
                if (claimed == 1)
                    await outbox.EnqueueAsync(c, tx, Email(row), string.Create(CultureInfo.InvariantCulture, $"{Template}:{row.Id}"));
            }, ct);
        }
    }

    private EmailRequested Email(CertificateRow row)
    {
        var english = row.TraineeLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = row.TraineeName,
            ["course"] = row.CourseTitle(!english),
            ["number"] = row.Number,
            ["expires"] = DisplayTime.Date(row.ExpiresOn),
            ["link"] = string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Training"),
        };
        return new EmailRequested(row.TraineeEmail, Template, english ? "en" : "zh-CN", values,
            string.Create(CultureInfo.InvariantCulture, $"{Template}:{row.Id}"));
    }
}
